using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Booking.Events;

public sealed record CreateEventRequest(string? Title, string? Description, DateTimeOffset? Start, DateTimeOffset? End, Guid? RoomId, int? Capacity);

public sealed record EventResponse(
    string Id, string Title, string? Description, DateTimeOffset Start, DateTimeOffset End, string? RoomId, string? RoomBookingId,
    int Capacity, int Attending, int PlacesLeft, bool Attendee);

public sealed class CreateEventValidator : AbstractValidator<CreateEventRequest>
{
    public CreateEventValidator()
    {
        RuleFor(e => e.Title).NotEmpty().MaximumLength(200).PlainText();
        RuleFor(e => e.Description).MaximumLength(4000).PlainText(multiline: true);
        RuleFor(e => e.Start).NotNull();
        RuleFor(e => e.End).NotNull().GreaterThan(e => e.Start).When(e => e.Start is not null).WithMessage("The end must be after the start.");
        RuleFor(e => e.Capacity).NotNull().InclusiveBetween(1, 10_000);
        RuleFor(e => e.Start).WithinLimits();
        RuleFor(e => e.End).WithinLimits();
    }
}

/// <summary><c>/events</c>: community events. Operators create them (a room, if any, is booked by the same rules); members RSVP.</summary>
public static class EventsApi
{
    public static RouteGroupBuilder MapEvents(this RouteGroupBuilder api)
    {
        var events = api.MapGroup("/events");
        const string MembersOnly = "Only the space's members see its events.";
        const string RsvpMembersOnly = "Only the space's members RSVP.";
        events.MapGet("/", ListAsync).RequireSpaceRole(SpaceAccess.Member, MembersOnly);
        events.MapPost("/", CreateAsync).RequireSpaceRole(SpaceAccess.Operator, "Only operators create events.").ProducesProblem(StatusCodes.Status409Conflict);
        events.MapGet("/{id:guid}", GetAsync).RequireSpaceRole(SpaceAccess.Member, MembersOnly);
        events.MapPost("/{id:guid}/rsvp", RsvpAsync).RequireSpaceRole(SpaceAccess.Member, RsvpMembersOnly).ProducesProblem(StatusCodes.Status409Conflict);
        events.MapDelete("/{id:guid}/rsvp", CancelRsvpAsync).RequireSpaceRole(SpaceAccess.Member, RsvpMembersOnly);
        return api;
    }

    private static async Task<Results<Ok<List<EventResponse>>, ValidationProblem>> ListAsync(
        Caller caller, BookingDbContext db, SpaceCalendar calendar, DateOnly? from, CancellationToken ct)
    {
        if (DateLimits.Check("from", from) is { } outOfRange)
        {
            return outOfRange;
        }

        var zone = await calendar.ZoneAsync(ct);
        var since = from is { } day ? SpaceDay.ToUtc(day, TimeOnly.MinValue, zone) : calendar.UtcNow;
        var events = await db.Events.AsNoTracking().Where(e => e.End > since).OrderBy(e => e.Start).Take(200).ToListAsync(ct);
        var ids = events.Select(e => e.Id).ToList();
        var mine = await db.Rsvps.AsNoTracking().Where(r => r.MemberId == caller.Id && !r.Cancelled && ids.Contains(r.EventId)).Select(r => r.EventId).ToListAsync(ct);
        return TypedResults.Ok(events.Select(e => ToResponse(e, zone, mine.Contains(e.Id))).ToList());
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var e = await db.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return ProblemResults.NotFound();
        }

        var attending = await db.Rsvps.AnyAsync(r => r.EventId == id && r.MemberId == caller.Id && !r.Cancelled, ct);
        return TypedResults.Ok(ToResponse(e, await calendar.ZoneAsync(ct), attending));
    }

    private static async Task<Results<Created<EventResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateEventRequest? request, Caller caller, HttpRequest http, IValidator<CreateEventRequest> validator,
        [AsParameters] BookingServices services, CancellationToken ct)
    {
        var (db, planner, transaction, calendar) = services;
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var zone = await calendar.ZoneAsync(ct);
        return await transaction.RunAsync<Results<Created<EventResponse>, ValidationProblem, ProblemHttpResult>>(async token =>
        {
            var created = new CommunityEvent
            {
                Id = Guid.CreateVersion7(),
                Title = request!.Title!.Trim(),
                Description = request.Description?.Trim(),
                Start = request.Start!.Value.UtcDateTime,
                End = request.End!.Value.UtcDateTime,
                Capacity = request.Capacity!.Value,
                CreatedBy = caller.Id!.Value,
                CreatedAt = calendar.UtcNow,
            };
            if (created.Start < calendar.UtcNow)
            {
                return (ProblemResults.Validation("start", "That time is in the past."), false);
            }

            if (request.RoomId is { } roomId)
            {
                var room = await db.Resources.FirstOrDefaultAsync(r => r.Id == roomId, token);
                if (room is null)
                {
                    return (ProblemResults.NotFound(), false);
                }

                if (!room.IsBookedByTheHour)
                {
                    return (ProblemResults.Validation("roomId", $"{room.Name} is not a room."), false);
                }

                if (created.Capacity > room.Capacity)
                {
                    return (ProblemResults.Validation("capacity", $"{room.Name} holds {room.Capacity} people."), false);
                }

                await planner.LockAsync(room.Id, token);
                var plan = new BookingPlan(room, null, request.Start, request.End, 1, null, caller.Id) { EventId = created.Id, ByOperator = true };
                var (booking, refusal) = await planner.PlaceAsync(plan, token);
                if (refusal is not null)
                {
                    return (refusal.ToResult(), false);
                }

                created.RoomId = room.Id;
                created.RoomBookingId = booking!.Id;
            }

            db.Events.Add(created);
            return (TypedResults.Created($"{http.PathBase}/api/booking/events/{created.Id}", ToResponse(created, zone, false)), true);
        }, ct);
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> RsvpAsync(
        Guid id, Caller caller, BookingDbContext db, BookingTransaction transaction, SpaceCalendar calendar, CancellationToken ct)
    {
        var zone = await calendar.ZoneAsync(ct);
        return await transaction.RunAsync<Results<Ok<EventResponse>, ProblemHttpResult>>(async token =>
        {
            await db.LockRowAsync<CommunityEvent>(id, token);

            var e = await db.Events.FirstOrDefaultAsync(x => x.Id == id, token);
            if (e is null)
            {
                return (ProblemResults.NotFound(), false);
            }

            if (e.End <= calendar.UtcNow)
            {
                return (ProblemResults.Conflict("This event is over."), false);
            }

            var rsvp = await db.Rsvps.FirstOrDefaultAsync(r => r.EventId == id && r.MemberId == caller.Id, token);
            if (rsvp is { Cancelled: false })
            {
                return (TypedResults.Ok(ToResponse(e, zone, true)), false);
            }

            if (e.Attending >= e.Capacity)
            {
                return (ProblemResults.Conflict($"'{e.Title}' is full ({e.Capacity} places)."), false);
            }

            if (rsvp is null)
            {
                db.Rsvps.Add(new Rsvp { EventId = id, MemberId = caller.Id!.Value, CreatedAt = calendar.UtcNow });
            }
            else
            {
                rsvp.Cancelled = false;
                rsvp.CreatedAt = calendar.UtcNow;
            }

            e.Attending++;
            return (TypedResults.Ok(ToResponse(e, zone, true)), true);
        }, ct);
    }

    private static async Task<Results<Ok<EventResponse>, ProblemHttpResult>> CancelRsvpAsync(
        Guid id, Caller caller, BookingDbContext db, BookingTransaction transaction, SpaceCalendar calendar, CancellationToken ct)
    {
        var zone = await calendar.ZoneAsync(ct);
        return await transaction.RunAsync<Results<Ok<EventResponse>, ProblemHttpResult>>(async token =>
        {
            await db.LockRowAsync<CommunityEvent>(id, token);

            var e = await db.Events.FirstOrDefaultAsync(x => x.Id == id, token);
            if (e is null)
            {
                return (ProblemResults.NotFound(), false);
            }

            var rsvp = await db.Rsvps.FirstOrDefaultAsync(r => r.EventId == id && r.MemberId == caller.Id && !r.Cancelled, token);
            if (rsvp is null)
            {
                return (TypedResults.Ok(ToResponse(e, zone, false)), false);
            }

            rsvp.Cancelled = true;
            e.Attending--;
            return (TypedResults.Ok(ToResponse(e, zone, false)), true);
        }, ct);
    }

    private static EventResponse ToResponse(CommunityEvent e, TimeZoneInfo zone, bool attendee) => new(
        e.Id.ToString(), e.Title, e.Description, SpaceDay.ToLocalOffset(e.Start, zone), SpaceDay.ToLocalOffset(e.End, zone),
        e.RoomId?.ToString(), e.RoomBookingId?.ToString(), e.Capacity, e.Attending, Math.Max(0, e.Capacity - e.Attending), attendee);
}
