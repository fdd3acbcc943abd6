using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Allowances;
using Operators.Booking.Bookings;
using Operators.Booking.DayPasses;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Booking.Members;

public sealed record ProfileExport(string DisplayName, bool DirectoryOptIn, bool PresenceOptIn, DateTimeOffset? ErasedAt);

public sealed record GuestExport(string? Name, string? Email);

public sealed record DayPassExport(string Id, string BookingId, DateOnly Date, DayPassStatus Status, PaidWith PaidWith, Money Price, GuestExport? Guest, DateTimeOffset CreatedAt);

public sealed record RsvpExport(string EventId, string Title, DateTimeOffset Start, DateTimeOffset End, bool Cancelled, DateTimeOffset CreatedAt);

public sealed record AllowanceExport(decimal Granted, decimal Used);

public sealed record AllowancePeriodExport(string SubscriptionId, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly? EndedOn, AllowanceExport DeskDays, AllowanceExport RoomHours);

/// <summary>Whether the person has a calendar feed; its secret address is not repeated here.</summary>
public sealed record CalendarFeedExport(bool Exists, DateTimeOffset? CreatedAt);

/// <summary>Everything booking holds about one person, and nobody else's data (GDPR art. 15 and 20).</summary>
public sealed record MemberExport(
    string MemberId,
    ProfileExport? Profile,
    IReadOnlyList<BookingResponse> Bookings,
    IReadOnlyList<DayPassExport> DayPasses,
    IReadOnlyList<RsvpExport> Rsvps,
    IReadOnlyList<AllowancePeriodExport> AllowancePeriods,
    CalendarFeedExport CalendarFeed);

/// <summary>
/// <c>GET /members/{id}/export</c>: booking's part of a person's data, gathered by the gateway's
/// <c>{S}/api/space/people/{id}/export</c>. For the space's operators and the person themself; anyone else, and a
/// person booking never knew, get the same 404 as a missing object.
/// </summary>
public static class MemberExportApi
{
    public static RouteGroupBuilder MapMemberExport(this RouteGroupBuilder api)
    {
        // Signed in: the person themself may no longer hold a role here and still has the right to their data.
        api.MapGet("/members/{id:guid}/export", ExportAsync)
            .RequireSpaceRole(SpaceAccess.SignedIn, "Sign in to export a person's data.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<MemberExport>, ProblemHttpResult>> ExportAsync(Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        if (caller.Id != id && !caller.IsOperator)
        {
            return ProblemResults.NotFound();
        }

        var zone = await calendar.ZoneAsync(ct);
        var profile = await db.MemberProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.MemberId == id, ct);
        var bookings = await db.Bookings.AsNoTracking().Where(b => b.MemberId == id).OrderBy(b => b.Start).ToListAsync(ct);
        var resourceIds = bookings.Select(b => b.ResourceId).Distinct().ToList();
        var kinds = (await db.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToListAsync(ct))
            .ToDictionary(r => r.Id, BookingPlanner.AllowanceKindOf);
        var passes = await db.DayPasses.AsNoTracking().Where(p => p.MemberId == id).OrderBy(p => p.Date).ToListAsync(ct);
        var rsvps = await db.Rsvps.AsNoTracking().Where(r => r.MemberId == id).ToListAsync(ct);
        var eventIds = rsvps.Select(r => r.EventId).ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var periods = await db.AllowancePeriods.AsNoTracking().Where(p => p.MemberId == id && p.PeriodStart < p.PeriodEnd).OrderBy(p => p.PeriodStart).ToListAsync(ct);
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.MemberId == id, ct);
        if (profile is null && bookings.Count == 0 && passes.Count == 0 && rsvps.Count == 0 && periods.Count == 0 && feed is null)
        {
            return ProblemResults.NotFound("Booking holds nothing about this person.");
        }

        return TypedResults.Ok(new MemberExport(
            id.ToString(),
            profile is null ? null : new ProfileExport(profile.DisplayName, profile.DirectoryOptIn, profile.PresenceOptIn, Utc(profile.ErasedAt)),
            bookings.Select(b => BookingResponse.From(b, zone, kinds.GetValueOrDefault(b.ResourceId))).ToList(),
            passes.Select(p => new DayPassExport(
                p.Id.ToString(), p.BookingId.ToString(), p.Date, p.Status, p.PaidWith, new Money(p.Price, p.Currency),
                p.GuestName is null && p.GuestEmail is null ? null : new GuestExport(p.GuestName, p.GuestEmail),
                Utc(p.CreatedAt))).ToList(),
            rsvps.Where(r => events.ContainsKey(r.EventId)).Select(r =>
            {
                var e = events[r.EventId];
                return new RsvpExport(e.Id.ToString(), e.Title, SpaceDay.ToLocalOffset(e.Start, zone), SpaceDay.ToLocalOffset(e.End, zone), r.Cancelled, Utc(r.CreatedAt));
            }).OrderBy(r => r.Start).ToList(),
            periods.Select(p => new AllowancePeriodExport(
                p.SubscriptionId.ToString(), p.PeriodStart, p.PeriodEnd, p.EndedOn,
                new AllowanceExport(p.DeskDaysGranted, p.DeskDaysUsed), new AllowanceExport(p.RoomHoursGranted, p.RoomHoursUsed))).ToList(),
            new CalendarFeedExport(feed is not null, feed is null ? null : Utc(feed.CreatedAt))));
    }

    private static DateTimeOffset Utc(DateTime utc) => new(DateTime.SpecifyKind(utc, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? utc) => utc is { } value ? Utc(value) : null;
}
