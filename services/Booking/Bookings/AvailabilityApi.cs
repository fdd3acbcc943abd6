using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Booking.Resources;
using Operators.Booking.Schedule;
using Operators.ServiceDefaults.Http;

namespace Operators.Booking.Bookings;

public sealed record AvailabilitySlot(DateTimeOffset Start, DateTimeOffset End, int Free);

public sealed record ResourceAvailability(string Id, string Name, ResourceKind Kind, int Capacity, IReadOnlyList<AvailabilitySlot> Slots);

public sealed record AvailabilityResponse(DateOnly Date, bool Open, string? ClosedBecause, IReadOnlyList<ResourceAvailability> Resources);

/// <summary>
/// <c>GET /availability?date=&amp;resourceId=</c>: free capacity of each active resource over a day — one
/// slot (the day) for day resources, hourly slots within the opening periods for rooms. One query reads the
/// day's bookings of every resource.
/// </summary>
public static class AvailabilityApi
{
    public static RouteGroupBuilder MapAvailability(this RouteGroupBuilder api)
    {
        api.MapGet("/availability", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<AvailabilityResponse>, ValidationProblem, ProblemHttpResult>> GetAsync(DateOnly? date, Guid? resourceId, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        if (DateLimits.Check("date", date) is { } outOfRange)
        {
            return outOfRange;
        }

        var day = await calendar.DayAsync(date ?? await calendar.TodayAsync(ct), ct);
        var resources = await db.Resources.AsNoTracking()
            .Where(r => r.Active && (resourceId == null || r.Id == resourceId))
            .OrderBy(r => r.Kind).ThenBy(r => r.Name)
            .ToListAsync(ct);
        if (resourceId is not null && resources.Count == 0)
        {
            return ProblemResults.NotFound();
        }

        if (!day.IsOpen)
        {
            return TypedResults.Ok(new AvailabilityResponse(day.Date, false, day.ClosedBecause, resources.Select(r => new ResourceAvailability(r.Id.ToString(), r.Name, r.Kind, r.Capacity, [])).ToList()));
        }

        var now = calendar.UtcNow;
        var (dayStart, dayEnd) = day.Span;
        var ids = resources.Select(r => r.Id).ToList();
        var held = await db.Bookings.AsNoTracking()
            .Where(b => b.Date == day.Date && ids.Contains(b.ResourceId)
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn
                    || (b.Status == BookingStatus.Held && b.HoldExpiresAt > now)))
            .Select(b => new { b.ResourceId, b.Start, b.End, b.Seats })
            .ToListAsync(ct);
        var byResource = held.ToLookup(b => b.ResourceId);

        var zone = day.Zone;
        var result = resources.Select(r =>
        {
            var mine = byResource[r.Id].ToList();
            var slots = new List<AvailabilitySlot>();
            if (r.IsBookedByTheHour)
            {
                foreach (var (start, end) in day.Periods)
                {
                    for (var slot = start; slot < end; slot = slot.AddHours(1))
                    {
                        var slotEnd = slot.AddHours(1) < end ? slot.AddHours(1) : end;
                        var busy = mine.Any(b => b.Start < slotEnd && b.End > slot);
                        slots.Add(new AvailabilitySlot(SpaceDay.ToLocalOffset(slot, zone), SpaceDay.ToLocalOffset(slotEnd, zone), busy ? 0 : r.Capacity));
                    }
                }
            }
            else
            {
                var used = mine.Where(b => b.Start < dayEnd && b.End > dayStart).Sum(b => b.Seats);
                var free = r.IsExclusive ? (used > 0 ? 0 : 1) : Math.Max(0, r.Capacity - used);
                slots.Add(new AvailabilitySlot(SpaceDay.ToLocalOffset(dayStart, zone), SpaceDay.ToLocalOffset(dayEnd, zone), free));
            }

            return new ResourceAvailability(r.Id.ToString(), r.Name, r.Kind, r.Capacity, slots);
        }).ToList();
        return TypedResults.Ok(new AvailabilityResponse(day.Date, true, null, result));
    }
}
