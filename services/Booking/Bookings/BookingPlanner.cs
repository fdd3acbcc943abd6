using Microsoft.EntityFrameworkCore;
using Operators.Booking.Allowances;
using Operators.Booking.Persistence;
using Operators.Booking.Resources;
using Operators.Booking.Schedule;
using Operators.Contracts;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;

namespace Operators.Booking.Bookings;

/// <summary>What is asked: a resource, a time (a day or a slot), seats, for whom, by whom.</summary>
public sealed record BookingPlan(Resource Resource, DateOnly? Date, DateTimeOffset? Start, DateTimeOffset? End, int Seats, Guid? MemberId, Guid? BookedBy)
{
    /// <summary>Set for a day pass held online: the booking holds its seat until then.</summary>
    public DateTime? HoldUntil { get; init; }

    public Guid? DayPassId { get; init; }

    public Guid? EventId { get; init; }

    /// <summary>Operators may book outside the advance window and for today's remaining hours; members may not.</summary>
    public bool ByOperator { get; init; }
}

/// <summary>
/// Turns a plan into a booking under the space's rules. <see cref="PlaceAsync"/> must run inside a
/// transaction that has locked the resource (<see cref="LockAsync"/>): the capacity it reads cannot change
/// until the transaction ends, so the capacity invariant holds whatever the concurrency.
/// </summary>
public sealed class BookingPlanner(BookingDbContext db, SpaceCalendar calendar, Outbox<BookingDbContext> outbox)
{
    /// <summary>Serializes bookings of one resource: a lock on its row until the transaction ends (see <see cref="RowLocks"/>).</summary>
    public Task LockAsync(Guid resourceId, CancellationToken ct) => db.LockRowAsync<Resource>(resourceId, ct);

    public async Task<(Bookings.Booking? Booking, BookingRefusal? Refusal)> PlaceAsync(BookingPlan plan, CancellationToken ct)
    {
        var resource = plan.Resource;
        var settings = await calendar.SettingsAsync(ct);
        var zone = await calendar.ZoneAsync(ct);
        var now = calendar.UtcNow;

        if (!resource.Active)
        {
            return (null, BookingRefusal.Invalid("resourceId", $"{resource.Name} is deactivated and cannot be booked.", "deactivated"));
        }

        var seats = plan.Seats;
        if (seats > resource.Capacity)
        {
            return (null, BookingRefusal.Invalid("seats", $"{resource.Name} has {resource.Capacity} seat(s); {seats} were asked.", "seats"));
        }

        // When: a whole opening day, or a slot inside one opening period.
        DateOnly date;
        DateTime start, end;
        if (resource.IsBookedByTheHour)
        {
            if (plan.Start is null || plan.End is null)
            {
                return (null, BookingRefusal.Invalid("end", $"{resource.Name} is booked by the hour: give a 'start' and an 'end'.", "hourly"));
            }

            start = plan.Start.Value.UtcDateTime;
            end = plan.End.Value.UtcDateTime;
            date = SpaceDay.LocalDate(start, zone);
            var day = await calendar.DayAsync(date, ct);
            if (!day.IsOpen)
            {
                return (null, BookingRefusal.Invalid("start", $"The space is closed on {date:yyyy-MM-dd} ({day.ClosedBecause}).", "closed"));
            }

            if (!day.Contains(start, end))
            {
                return (null, BookingRefusal.Invalid("start", $"{resource.Name} can only be booked within the opening hours of {date:yyyy-MM-dd}.", "outside-hours"));
            }

            if (end - start > TimeSpan.FromHours(settings.MaxBookingHours))
            {
                return (null, BookingRefusal.Invalid("end", $"A booking lasts at most {settings.MaxBookingHours} hours here.", "too-long"));
            }

            if (start < now.AddMinutes(-5))
            {
                return (null, BookingRefusal.Invalid("start", "That time is in the past.", "past"));
            }
        }
        else
        {
            date = plan.Date ?? DateOnly.FromDateTime(plan.Start!.Value.ToOffset(zone.GetUtcOffset(plan.Start.Value.UtcDateTime)).DateTime);
            var day = await calendar.DayAsync(date, ct);
            if (!day.IsOpen)
            {
                return (null, BookingRefusal.Invalid("date", $"The space is closed on {date:yyyy-MM-dd} ({day.ClosedBecause}).", "closed"));
            }

            (start, end) = day.Span;
            if (end <= now)
            {
                return (null, BookingRefusal.Invalid("date", $"{date:yyyy-MM-dd} is in the past.", "past"));
            }
        }

        if (!plan.ByOperator && start > now.AddDays(settings.AdvanceWindowDays))
        {
            return (null, BookingRefusal.Invalid(resource.IsBookedByTheHour ? "start" : "date", $"Bookings open {settings.AdvanceWindowDays} days ahead.", "too-far-ahead"));
        }

        // Capacity, read under the lock.
        var overlapping = await db.Bookings
            .Where(b => b.ResourceId == resource.Id && b.Start < end && b.End > start
                && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn
                    || (b.Status == BookingStatus.Held && b.HoldExpiresAt > now)))
            .Select(b => b.Seats)
            .ToListAsync(ct);
        if (resource.IsExclusive && overlapping.Count > 0)
        {
            return (null, BookingRefusal.Full($"{resource.Name} is already booked at that time.", "taken"));
        }

        var left = resource.Capacity - overlapping.Sum();
        if (!resource.IsExclusive && left < seats)
        {
            return (null, BookingRefusal.Full(left <= 0
                ? $"{resource.Name} is full on {date:yyyy-MM-dd}."
                : $"Only {left} seat(s) left in {resource.Name} on {date:yyyy-MM-dd}."));
        }

        var booking = new Bookings.Booking
        {
            Id = Guid.CreateVersion7(),
            ResourceId = resource.Id,
            MemberId = plan.MemberId,
            BookedBy = plan.BookedBy,
            Start = start,
            End = end,
            Date = date,
            ByTheHour = resource.IsBookedByTheHour,
            Exclusive = resource.IsExclusive,
            Seats = seats,
            Status = plan.HoldUntil is null ? BookingStatus.Confirmed : BookingStatus.Held,
            HoldExpiresAt = plan.HoldUntil,
            Currency = await calendar.CurrencyAsync(ct),
            VatRate = resource.VatRate,
            DayPassId = plan.DayPassId,
            EventId = plan.EventId,
            CreatedAt = now,
        };

        var allowanceKind = await ChargeAsync(booking, resource, ct);
        db.Bookings.Add(booking);
        if (booking.Status == BookingStatus.Confirmed)
        {
            PublishConfirmed(booking, resource, allowanceKind, zone);
        }

        return (booking, null);
    }

    public void PublishConfirmed(Bookings.Booking booking, Resource resource, string? allowanceKind, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(booking);
        ArgumentNullException.ThrowIfNull(resource);
        outbox.Publish(new BookingConfirmed(
            booking.Id, resource.Id, resource.Name, booking.MemberId,
            SpaceDay.ToLocalOffset(booking.Start, zone), SpaceDay.ToLocalOffset(booking.End, zone), booking.Seats,
            booking.AllowanceUsed > 0 ? allowanceKind : null, booking.AllowanceUsed,
            new Money(booking.ChargeAmount, booking.Currency), booking.VatRate, booking.DayPassId, resource.IsBookedByTheHour));
    }

    public static string AllowanceKindOf(Resource resource) =>
        resource?.IsBookedByTheHour == true ? AllowanceKinds.RoomHours : AllowanceKinds.DeskDays;

    /// <summary>Debits the member's allowance for the booking's date as far as it goes, and charges the rest at the resource's price.</summary>
    private async Task<string> ChargeAsync(Bookings.Booking booking, Resource resource, CancellationToken ct)
    {
        var kind = AllowanceKindOf(resource);
        var period = booking.MemberId is { } memberId && booking.DayPassId is null && booking.EventId is null
            ? (await db.AllowancePeriods.Where(p => p.MemberId == memberId && p.PeriodStart <= booking.Date && booking.Date < p.PeriodEnd).ToListAsync(ct))
                .FirstOrDefault(p => p.Covers(booking.Date))
            : null;

        if (resource.IsBookedByTheHour)
        {
            var hours = (decimal)(booking.End - booking.Start).TotalHours;
            var covered = period is null ? 0m : Math.Min(period.RoomHoursLeft, hours);
            if (covered > 0)
            {
                period!.RoomHoursUsed += covered;
                period.Version++;
            }

            booking.AllowanceUsed = covered;
            booking.ChargeAmount = Money.Round((hours - covered) * (resource.PricePerHour ?? 0m));
        }
        else
        {
            var covered = period is null ? 0 : Math.Min(period.DeskDaysLeft, booking.Seats);
            if (covered > 0)
            {
                period!.DeskDaysUsed += covered;
                period.Version++;
            }

            booking.AllowanceUsed = covered;
            booking.ChargeAmount = Money.Round((booking.Seats - covered) * (resource.PricePerDay ?? 0m));
        }

        booking.AllowancePeriodId = booking.AllowanceUsed > 0 ? period!.Id : null;
        return kind;
    }

    /// <summary>Gives a cancelled booking's allowance back to its period.</summary>
    public async Task RefundAllowanceAsync(Bookings.Booking booking, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(booking);
        if (booking.AllowancePeriodId is not { } periodId || booking.AllowanceUsed <= 0)
        {
            return;
        }

        var period = await db.AllowancePeriods.FirstAsync(p => p.Id == periodId, ct);
        if (booking.ByTheHour)
        {
            period.RoomHoursUsed = Math.Max(0, period.RoomHoursUsed - booking.AllowanceUsed);
        }
        else
        {
            period.DeskDaysUsed = Math.Max(0, period.DeskDaysUsed - (int)booking.AllowanceUsed);
        }

        period.Version++;
        booking.AllowanceRefunded = true;
    }
}
