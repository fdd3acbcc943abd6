using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Booking.Resources;
using Operators.Booking.Schedule;
using Operators.Contracts;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Booking.Bookings;

/// <summary><c>/bookings</c>: create (never overbooking), list, get, cancel, check in.</summary>
public static class BookingsApi
{
    public static RouteGroupBuilder MapBookings(this RouteGroupBuilder api)
    {
        var bookings = api.MapGroup("/bookings");
        bookings.MapPost("/", CreateAsync)
            .RequireSpaceRole(SpaceAccess.Member, "Only the space's members and operators can book.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapGet("/", ListAsync).RequireSpaceRole(SpaceAccess.Member, "Only the space's members and operators see bookings.");
        // Anyone signed in: a member sees their own bookings, an operator any; the others are as missing as another space's.
        bookings.MapGet("/{id:guid}", GetAsync).RequireSpaceRole(SpaceAccess.SignedIn, "Sign in to see bookings.").ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapDelete("/{id:guid}", CancelAsync)
            .RequireSpaceRole(SpaceAccess.SignedIn, "Sign in to cancel a booking.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        bookings.MapGet("/{id:guid}/cancellation", QuoteCancellationAsync)
            .RequireSpaceRole(SpaceAccess.SignedIn, "Sign in to see bookings.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        bookings.MapPost("/{id:guid}/check-in", CheckInAsync)
            .RequireSpaceRole(SpaceAccess.SignedIn, "Sign in to check in.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Created<BookingResponse>, IdempotentReplay.Replayed, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateBookingRequest? request,
        Caller caller,
        HttpRequest http,
        IValidator<CreateBookingRequest> validator,
        IdempotentReplay replay,
        [AsParameters] BookingServices services,
        CancellationToken ct)
    {
        var (db, planner, transaction, calendar) = services;
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var memberId = request!.MemberId ?? caller.Id;
        if (memberId != caller.Id && !caller.IsOperator)
        {
            return ProblemResults.Denied(true, "Members book for themselves; only operators book for someone else.");
        }

        var key = IdempotentReplay.KeyOf(http);
        var hash = IdempotentReplay.Hash(request);
        if (await replay.FindAsync(caller, key, hash, ct) is { } earlier)
        {
            return earlier;
        }

        var zone = await calendar.ZoneAsync(ct);
        try
        {
            return await transaction.RunAsync<Results<Created<BookingResponse>, IdempotentReplay.Replayed, ValidationProblem, ProblemHttpResult>>(async token =>
            {
                var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == request.ResourceId, token);
                if (resource is null)
                {
                    return (BookingRefusal.NotFound().ToResult(), false);
                }

                await planner.LockAsync(resource.Id, token);
                var plan = new BookingPlan(resource, request.Date, request.Start, request.End, request.Seats ?? 1, memberId, caller.Id)
                {
                    ByOperator = caller.IsOperator,
                };
                var (booking, refusal) = await planner.PlaceAsync(plan, token);
                if (refusal is not null)
                {
                    return (refusal.ToResult(), false);
                }

                var response = BookingResponse.From(booking!, zone, BookingPlanner.AllowanceKindOf(resource));
                var location = $"{http.PathBase}/api/booking/bookings/{booking!.Id}";
                if (key is not null)
                {
                    replay.Remember(caller, key, hash, StatusCodes.Status201Created, response, location);
                }

                return (TypedResults.Created(location, response), true);
            }, ct);
        }
        catch (DbUpdateException ex) when (TransientDatabaseFailures.IsConstraintViolation(ex, out var exclusion))
        {
            db.ChangeTracker.Clear();
            if (exclusion)
            {
                // The database's own guard (PostgreSQL exclusion constraint) caught an overlap.
                return ProblemResults.Conflict("That resource is already booked at that time.");
            }

            // The same Idempotency-Key raced in concurrently: the other request won; answer what it answered.
            if (await replay.FindAsync(caller, key, hash, ct) is { } winner)
            {
                return winner;
            }

            throw;
        }
    }

    private static async Task<Results<Ok<List<BookingResponse>>, ValidationProblem>> ListAsync(
        Caller caller, BookingDbContext db, SpaceCalendar calendar, DateOnly? from, DateOnly? to, bool? mine, CancellationToken ct)
    {
        if ((DateLimits.Check("from", from) ?? DateLimits.Check("to", to)) is { } outOfRange)
        {
            return outOfRange;
        }

        var start = from ?? await calendar.TodayAsync(ct);
        var end = to ?? start.AddDays(31);
        if (end < start)
        {
            return ProblemResults.Validation("to", "'to' must not be before 'from'.");
        }

        var query = db.Bookings.AsNoTracking().Where(b => b.Date >= start && b.Date <= end);
        if (!caller.IsOperator || mine == true)
        {
            query = query.Where(b => b.MemberId == caller.Id);
        }

        var rows = await query.OrderBy(b => b.Start).Take(1000).ToListAsync(ct);
        var kinds = await ResourceKindsAsync(db, rows.Select(b => b.ResourceId), ct);
        var zone = await calendar.ZoneAsync(ct);
        return TypedResults.Ok(rows.Select(b => BookingResponse.From(b, zone, kinds.GetValueOrDefault(b.ResourceId))).ToList());
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var booking = await FindVisibleAsync(db, caller, id, ct);
        if (booking is null)
        {
            return ProblemResults.NotFound();
        }

        var kinds = await ResourceKindsAsync(db, [booking.ResourceId], ct);
        return TypedResults.Ok(BookingResponse.From(booking, await calendar.ZoneAsync(ct), kinds.GetValueOrDefault(booking.ResourceId)));
    }

    private static async Task<Results<Ok<CancellationResponse>, ProblemHttpResult>> CancelAsync(
        Guid id, Caller caller, [AsParameters] BookingServices services, Outbox<BookingDbContext> outbox, CancellationToken ct)
    {
        var (db, planner, transaction, calendar) = services;
        var settings = await calendar.SettingsAsync(ct);
        return await transaction.RunAsync<Results<Ok<CancellationResponse>, ProblemHttpResult>>(async token =>
        {
            var booking = await FindVisibleAsync(db, caller, id, token, tracking: true);
            if (booking is null)
            {
                return (ProblemResults.NotFound(), false);
            }

            if (booking.Status is BookingStatus.Cancelled or BookingStatus.Released)
            {
                return (TypedResults.Ok(new CancellationResponse(booking.Id.ToString(), BookingStatus.Cancelled, new Money(booking.CancellationFee ?? 0m, booking.Currency), booking.AllowanceRefunded)), false);
            }

            if (booking.Status is BookingStatus.NoShow || booking.End <= calendar.UtcNow)
            {
                return (ProblemResults.Conflict("This booking is over and can no longer be cancelled."), false);
            }

            var now = calendar.UtcNow;
            var quote = CancellationPolicy.Quote(booking, settings, now);
            if (quote.Free)
            {
                await planner.RefundAllowanceAsync(booking, token);
            }

            booking.CancellationFee = quote.Fee;

            booking.Status = BookingStatus.Cancelled;
            booking.CancelledAt = now;
            outbox.Publish(new BookingCancelled(booking.Id, booking.MemberId, new Money(booking.CancellationFee.Value, booking.Currency), booking.VatRate, booking.AllowanceRefunded, new DateTimeOffset(now), booking.DayPassId));
            return (TypedResults.Ok(new CancellationResponse(booking.Id.ToString(), booking.Status, new Money(booking.CancellationFee.Value, booking.Currency), booking.AllowanceRefunded)), true);
        }, ct);
    }

    /// <summary>What cancelling now would cost, so a person sees the fee before confirming.</summary>
    private static async Task<Results<Ok<CancellationQuoteResponse>, ProblemHttpResult>> QuoteCancellationAsync(
        Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var booking = await FindVisibleAsync(db, caller, id, ct, tracking: false);
        if (booking is null)
        {
            return ProblemResults.NotFound();
        }

        var settings = await calendar.SettingsAsync(ct);
        var zone = await calendar.ZoneAsync(ct);
        var cancellable = booking.Status is BookingStatus.Confirmed or BookingStatus.Held or BookingStatus.CheckedIn && booking.End > calendar.UtcNow;
        var quote = CancellationPolicy.Quote(booking, settings, calendar.UtcNow);
        return TypedResults.Ok(new CancellationQuoteResponse(
            booking.Id.ToString(), cancellable, new Money(quote.Fee, booking.Currency), quote.Free, quote.Free && booking.AllowanceUsed > 0,
            SpaceDay.ToLocalOffset(booking.Start.AddHours(-settings.FreeCancellationHours), zone)));
    }

    private static async Task<Results<Ok<BookingResponse>, ProblemHttpResult>> CheckInAsync(
        Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, Outbox<BookingDbContext> outbox, CancellationToken ct)
    {
        var booking = await FindVisibleAsync(db, caller, id, ct, tracking: true);
        if (booking is null)
        {
            return ProblemResults.NotFound();
        }

        var now = calendar.UtcNow;
        if (booking.Status == BookingStatus.CheckedIn)
        {
            return TypedResults.Ok(BookingResponse.From(booking, await calendar.ZoneAsync(ct), null));
        }

        if (booking.Status != BookingStatus.Confirmed)
        {
            return ProblemResults.Conflict($"A {booking.Status.ToString().ToLowerInvariant()} booking cannot be checked in.");
        }

        if (now < booking.Start.AddHours(-1) || now >= booking.End)
        {
            return ProblemResults.Conflict("Check-in opens an hour before the booking starts and closes when it ends.");
        }

        booking.Status = BookingStatus.CheckedIn;
        booking.CheckedInAt = now;
        outbox.Publish(new BookingCheckedIn(booking.Id, booking.MemberId, new DateTimeOffset(now)));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(BookingResponse.From(booking, await calendar.ZoneAsync(ct), null));
    }

    /// <summary>A booking the caller may see: their own, or any for an operator. Anything else is "not found".</summary>
    private static Task<Booking?> FindVisibleAsync(BookingDbContext db, Caller caller, Guid id, CancellationToken ct, bool tracking = false)
    {
        if (!caller.IsSignedIn)
        {
            return Task.FromResult<Booking?>(null);
        }

        var query = tracking ? db.Bookings : db.Bookings.AsNoTracking();
        return caller.IsOperator
            ? query.FirstOrDefaultAsync(b => b.Id == id, ct)
            : query.FirstOrDefaultAsync(b => b.Id == id && b.MemberId == caller.Id, ct);
    }

    private static async Task<Dictionary<Guid, string>> ResourceKindsAsync(BookingDbContext db, IEnumerable<Guid> ids, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToList();
        var resources = await db.Resources.AsNoTracking().Where(r => distinct.Contains(r.Id)).ToListAsync(ct);
        return resources.ToDictionary(r => r.Id, BookingPlanner.AllowanceKindOf);
    }
}
