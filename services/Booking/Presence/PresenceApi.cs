using MassTransit;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Booking.Presence;

public sealed record PresentMember(string MemberId, string DisplayName);

/// <summary>Who is coming: names of members who opted in to presence (not the directory: its own opt-in); the others, and guests, only counted.</summary>
public sealed record PresenceResponse(DateOnly Date, IReadOnlyList<PresentMember> Members, int OthersCount, int GuestsCount, int Total);

public static class PresenceApi
{
    public static RouteGroupBuilder MapPresence(this RouteGroupBuilder api)
    {
        api.MapGet("/presence", GetAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's members see who is coming.");
        return api;
    }

    private static async Task<Results<Ok<PresenceResponse>, ValidationProblem>> GetAsync(BookingDbContext db, SpaceCalendar calendar, DateOnly? date, CancellationToken ct)
    {
        if (DateLimits.Check("date", date) is { } outOfRange)
        {
            return outOfRange;
        }

        var day = date ?? await calendar.TodayAsync(ct);
        var now = calendar.UtcNow;
        var coming = await db.Bookings.AsNoTracking()
            .Where(b => b.Date == day && b.EventId == null
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn
                    || (b.Status == BookingStatus.Held && b.HoldExpiresAt > now)))
            .Select(b => new { b.MemberId, b.DayPassId })
            .ToListAsync(ct);
        var memberIds = coming.Where(c => c.MemberId is not null).Select(c => c.MemberId!.Value).Distinct().ToList();
        var guests = coming.Count(c => c.MemberId is null);
        var profiles = await db.MemberProfiles.AsNoTracking().Where(p => memberIds.Contains(p.MemberId)).ToListAsync(ct);
        var named = profiles.Where(p => p.PresenceOptIn && p.ErasedAt == null).OrderBy(p => p.DisplayName, StringComparer.CurrentCulture)
            .Select(p => new PresentMember(p.MemberId.ToString(), p.DisplayName)).ToList();
        return TypedResults.Ok(new PresenceResponse(day, named, memberIds.Count - named.Count, guests, memberIds.Count + guests));
    }
}
