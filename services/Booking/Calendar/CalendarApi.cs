using System.Security.Cryptography;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy;

namespace Operators.Booking.Calendar;

public sealed record CalendarFeedResponse(string Url);

/// <summary>
/// Each member's secret iCalendar feed: <c>GET /calendar</c> gives its address, <c>POST /calendar/rotate</c>
/// replaces it (the old one stops working), <c>GET /calendar/{token}.ics</c> serves it without sign-in.
/// </summary>
public static class CalendarApi
{
    public static RouteGroupBuilder MapCalendar(this RouteGroupBuilder api)
    {
        const string Denied = "Only the space's members have a calendar feed.";
        api.MapGet("/calendar", GetAddressAsync).RequireSpaceRole(SpaceAccess.Member, Denied);
        api.MapPost("/calendar/rotate", RotateAsync).RequireSpaceRole(SpaceAccess.Member, Denied);
        api.MapGet("/calendar/{file}", FeedAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/calendar")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Ok<CalendarFeedResponse>> GetAddressAsync(Caller caller, HttpRequest http, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.MemberId == caller.Id, ct);
        if (feed is null)
        {
            feed = new CalendarFeed { MemberId = caller.Id!.Value, Token = NewToken(), CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.CalendarFeeds.Add(feed);
            feed = await SaveOrTakeWinnerAsync(db, feed, ct);
        }

        return TypedResults.Ok(new CalendarFeedResponse(AddressOf(http, feed.Token)));
    }

    private static async Task<Ok<CalendarFeedResponse>> RotateAsync(Caller caller, HttpRequest http, BookingDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.MemberId == caller.Id, ct);
        if (feed is null)
        {
            // Nothing to revoke yet: a new feed is what a rotation gives.
            feed = new CalendarFeed { MemberId = caller.Id!.Value, Token = NewToken(), CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.CalendarFeeds.Add(feed);
            feed = await SaveOrTakeWinnerAsync(db, feed, ct);
        }
        else
        {
            feed.Token = NewToken();
            feed.CreatedAt = clock.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
        }

        return TypedResults.Ok(new CalendarFeedResponse(AddressOf(http, feed.Token)));
    }

    /// <summary>
    /// Saves a member's first feed; when another request of the same member created one at the same moment (two tabs,
    /// a calendar app and the intranet), the unique member key refuses this one and the winner's feed is the answer.
    /// </summary>
    private static async Task<CalendarFeed> SaveOrTakeWinnerAsync(BookingDbContext db, CalendarFeed feed, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return feed;
        }
        catch (DbUpdateException ex) when (TransientDatabaseFailures.IsConstraintViolation(ex, out _))
        {
            db.ChangeTracker.Clear();
            return await db.CalendarFeeds.AsNoTracking().FirstAsync(f => f.MemberId == feed.MemberId, ct);
        }
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> FeedAsync(string file, BookingDbContext db, SpaceCalendar calendar, ITenantContext tenants, CancellationToken ct)
    {
        if (!file.EndsWith(".ics", StringComparison.Ordinal))
        {
            return ProblemResults.NotFound();
        }

        var token = file[..^4];
        var feed = await db.CalendarFeeds.AsNoTracking().FirstOrDefaultAsync(f => f.Token == token, ct);
        if (feed is null)
        {
            return ProblemResults.NotFound("No such calendar feed (it may have been replaced).");
        }

        var zone = await calendar.ZoneAsync(ct);
        var since = calendar.UtcNow.AddDays(-60);
        var bookings = await db.Bookings.AsNoTracking()
            .Where(b => b.MemberId == feed.MemberId && b.End > since && b.Status != BookingStatus.Released && b.Status != BookingStatus.Held)
            .OrderBy(b => b.Start).Take(1000).ToListAsync(ct);
        var resourceIds = bookings.Select(b => b.ResourceId).Distinct().ToList();
        var names = await db.Resources.AsNoTracking().Where(r => resourceIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var rsvps = await db.Rsvps.AsNoTracking().Where(r => r.MemberId == feed.MemberId).ToListAsync(ct);
        var eventIds = rsvps.Select(r => r.EventId).ToList();
        var events = await db.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id) && e.End > since).ToListAsync(ct);

        var ics = new Ical.Net.Calendar { ProductId = "-//Operators//Booking//EN" };
        // A full VTIMEZONE (STANDARD and DAYLIGHT rules), as RFC 5545 wants for TZID references.
        ics.AddTimeZone(VTimeZone.FromDateTimeZone(zone.Id, since, includeHistoricalData: false));
        ics.AddProperty("X-WR-CALNAME", tenants.Tenant?.Name ?? "Operators");
        ics.AddProperty("X-WR-TIMEZONE", zone.Id);
        var host = tenants.TenantId?.ToString() ?? "operators";
        foreach (var b in bookings)
        {
            ics.Events.Add(new CalendarEvent
            {
                Uid = $"booking-{b.Id}@{host}",
                Summary = names.GetValueOrDefault(b.ResourceId, "Booking"),
                DtStart = Local(b.Start, zone),
                DtEnd = Local(b.End, zone),
                DtStamp = new CalDateTime(b.CancelledAt ?? b.CreatedAt, "UTC"),
                Status = b.Status == BookingStatus.Cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Sequence = b.Status == BookingStatus.Cancelled ? 1 : 0,
            });
        }

        foreach (var e in events)
        {
            var cancelled = rsvps.First(r => r.EventId == e.Id).Cancelled;
            ics.Events.Add(new CalendarEvent
            {
                Uid = $"event-{e.Id}@{host}",
                Summary = e.Title,
                Description = e.Description,
                DtStart = Local(e.Start, zone),
                DtEnd = Local(e.End, zone),
                DtStamp = new CalDateTime(e.CreatedAt, "UTC"),
                Status = cancelled ? EventStatus.Cancelled : EventStatus.Confirmed,
                Sequence = cancelled ? 1 : 0,
            });
        }

        var text = new CalendarSerializer().SerializeToString(ics) ?? "";
        return TypedResults.Text(text, "text/calendar; charset=utf-8");
    }

    private static CalDateTime Local(DateTime utc, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone), zone.Id);

    private static string NewToken() => Base64UrlToken(RandomNumberGenerator.GetBytes(24));

    private static string Base64UrlToken(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The public address, as the member's calendar app must fetch it: through the gateway, in the space.</summary>
    private static string AddressOf(HttpRequest http, string token) => $"{PublicAddress.Of(http)}/api/booking/calendar/{token}.ics";
}
