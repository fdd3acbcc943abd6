using FluentValidation;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Jobs;
using Operators.Booking.Persistence;
using Operators.Booking.Resources;
using Operators.Booking.Schedule;
using Operators.Contracts;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;
using Operators.Tenancy;

namespace Operators.Booking.DayPasses;

public sealed record GuestRequest(string? Name, string? Email);

/// <summary>
/// <c>POST /day-passes</c>: an operator selling at the desk gives <c>paidWith</c> (confirmed at once); a guest
/// online gives <c>guest</c> (a seat is held until paid). <c>resourceId</c> picks a pool, else the first with a free seat.
/// </summary>
public sealed record CreateDayPassRequest(DateOnly? Date, GuestRequest? Guest, Guid? MemberId, PaidWith? PaidWith, Guid? ResourceId);

/// <summary>
/// A day pass. Bought online: <c>checkoutUrl</c> is the Stripe page where the guest pays, null until billing opened it
/// (poll <c>statusUrl</c>, which needs no account, until it is there); <c>payAtDesk</c> is true instead when the space
/// takes no online payment (the seat stays held for the day and an operator confirms the pass once paid).
/// </summary>
public sealed record DayPassResponse(
    string Id, string BookingId, DateOnly Date, DayPassStatus Status, Money Price, DateTimeOffset? HoldExpiresAt, string? CheckoutUrl, bool PayAtDesk = false,
    string? StatusUrl = null, GuestRequest? Guest = null, PaidWith PaidWith = PaidWith.Online);

/// <summary><c>POST /day-passes/{id}/confirm</c>: an operator confirms a pass held for payment at the desk, paid with <c>paidWith</c>.</summary>
public sealed record ConfirmDayPassRequest(PaidWith? PaidWith);

/// <summary>What selling a day pass needs, bound as one parameter (<c>[AsParameters]</c>).</summary>
public sealed record DayPassServices(
    [FromServices] BookingDbContext Db,
    [FromServices] BookingPlanner Planner,
    [FromServices] BookingTransaction Transaction,
    [FromServices] SpaceCalendar Calendar,
    [FromServices] Outbox<BookingDbContext> Outbox,
    [FromServices] IBackgroundJobClient Jobs,
    [FromServices] ITenantContext Tenants);

public sealed class CreateDayPassValidator : AbstractValidator<CreateDayPassRequest>
{
    public CreateDayPassValidator()
    {
        RuleFor(r => r.Date).NotNull().WithinLimits();
        RuleFor(r => r.Guest!.Name).NotEmpty().MaximumLength(200).PlainText().When(r => r.Guest is not null).OverridePropertyName("guest.name");
        // Online, the email is where the payment link and receipt go; at the desk a guest may not want to give one.
        RuleFor(r => r.Guest!.Email).NotEmpty().When(r => r.Guest is not null && r.PaidWith is null).OverridePropertyName("guest.email");
        RuleFor(r => r.Guest!.Email).EmailAddress().MaximumLength(256).When(r => r.Guest is { Email.Length: > 0 }).OverridePropertyName("guest.email");
        // The JSON options already refuse numbers and lists ("card, cheque"); this keeps the rule where the request is.
        RuleFor(r => r.PaidWith).IsInEnum().WithMessage("'paidWith' must be one of: cash, card, cheque, bank-transfer, online.");
        RuleFor(r => r.PaidWith).NotEqual(DayPasses.PaidWith.Online).WithMessage("'online' is how a guest pays: leave paidWith out.");
    }
}

public static class DayPassesApi
{
    public static RouteGroupBuilder MapDayPasses(this RouteGroupBuilder api)
    {
        // Anyone: a guest online, a member for themselves, an operator at the desk — decided from the body.
        api.MapPost("/day-passes", CreateAsync)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/day-passes", ListAsync)
            .RequireSpaceRole(SpaceAccess.Operator, "Only operators list the day passes of a day.")
            .ProducesValidationProblem();
        api.MapGet("/day-passes/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/day-passes/{id:guid}/confirm", ConfirmAsync)
            .RequireSpaceRole(SpaceAccess.Operator, "Only operators confirm a day pass paid at the desk.")
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Created<DayPassResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateDayPassRequest? request, Caller caller, HttpRequest http, IValidator<CreateDayPassRequest> validator,
        [AsParameters] DayPassServices services, CancellationToken ct)
    {
        var (db, planner, transaction, calendar, outbox, jobs, tenants) = services;
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var atTheDesk = request!.PaidWith is not null;
        if (atTheDesk && !caller.IsOperator)
        {
            return ProblemResults.Denied(caller, "Only operators sell day passes at the desk.");
        }

        if (!atTheDesk && request.Guest is null && !(caller.IsMember && (request.MemberId ?? caller.Id) == caller.Id))
        {
            return ProblemResults.Validation("guest", "Give the guest's name and email.");
        }

        if (request.MemberId is not null && request.MemberId != caller.Id && !caller.IsOperator)
        {
            return ProblemResults.Denied(caller, "Only operators sell a day pass for someone else.");
        }

        var settings = await calendar.SettingsAsync(ct);
        var zone = await calendar.ZoneAsync(ct);
        var memberId = request.MemberId ?? (request.Guest is null ? caller.Id : null);
        var holdUntil = atTheDesk ? (DateTime?)null : calendar.UtcNow.AddMinutes(settings.DayPassHoldMinutes);

        var created = await transaction.RunAsync<(DayPass? Pass, ProblemHttpResult? Problem)>(async token =>
        {
            var pools = await db.Resources
                .Where(r => r.Kind == ResourceKind.DeskPool && r.Active && (request.ResourceId == null || r.Id == request.ResourceId)
                    && (caller.IsOperator || memberId != null || r.BookableBy == BookableBy.Everyone))
                .OrderBy(r => r.Name)
                .ToListAsync(token);
            if (pools.Count == 0)
            {
                return ((null, request.ResourceId is null ? ProblemResults.Conflict("This space sells no day passes.") : ProblemResults.NotFound()), false);
            }

            BookingRefusal? last = null;
            foreach (var pool in pools)
            {
                await planner.LockAsync(pool.Id, token);
                var pass = new DayPass
                {
                    Id = Guid.CreateVersion7(),
                    Date = request.Date!.Value,
                    GuestName = request.Guest?.Name?.Trim(),
                    GuestEmail = request.Guest?.Email?.Trim(),
                    MemberId = memberId,
                    PaidWith = request.PaidWith ?? PaidWith.Online,
                    Status = atTheDesk ? DayPassStatus.Confirmed : DayPassStatus.Held,
                    Price = pool.PricePerDay ?? 0m,
                    Currency = await calendar.CurrencyAsync(token),
                    VatRate = pool.VatRate,
                    HoldExpiresAt = holdUntil,
                    AccessKey = atTheDesk ? null : AccessKeys.New(),
                    CreatedAt = calendar.UtcNow,
                };
                var plan = new BookingPlan(pool, pass.Date, null, null, 1, memberId, caller.Id)
                {
                    HoldUntil = holdUntil,
                    DayPassId = pass.Id,
                    ByOperator = caller.IsOperator,
                };
                var (booking, refusal) = await planner.PlaceAsync(plan, token);
                if (refusal is not null)
                {
                    last = refusal;
                    continue;
                }

                pass.BookingId = booking!.Id;
                db.DayPasses.Add(pass);
                var guest = pass.GuestName is null ? null : new Guest(pass.GuestName, pass.GuestEmail ?? "");
                var price = new Money(pass.Price, pass.Currency);
                if (atTheDesk)
                {
                    outbox.Publish(new DayPassSold(pass.Id, booking.Id, pass.Date, guest, memberId, price, pass.VatRate, Wire(pass.PaidWith)));
                }
                else
                {
                    outbox.Publish(new DayPassRequested(
                        pass.Id, booking.Id, pass.Date, guest ?? new Guest("member", ""), price, pass.VatRate, SpaceDay.ToLocalOffset(holdUntil!.Value, zone),
                        $"{PublicAddress.Of(http)}/day-pass/{pass.Id}?key={pass.AccessKey}", memberId));
                }

                return ((pass, null), true);
            }

            return ((null, last!.ToResult()), false);
        }, ct);

        if (created.Problem is not null)
        {
            return created.Problem;
        }

        var pass = created.Pass!;
        if (pass.HoldExpiresAt is { } expires)
        {
            jobs.Schedule<BookingJobs>(j => j.ExpireDayPassHoldAsync(tenants.TenantId!.Value, pass.Id), expires - calendar.UtcNow + TimeSpan.FromSeconds(1));
        }

        return TypedResults.Created($"{http.PathBase}/api/booking/day-passes/{pass.Id}", ToResponse(pass, zone, http));
    }

    private static async Task<Results<Ok<DayPassResponse>, ProblemHttpResult>> GetAsync(
        Guid id, string? key, Caller caller, BookingDbContext db, SpaceCalendar calendar, HttpRequest http, CancellationToken ct)
    {
        var pass = await db.DayPasses.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        // Seen by operators, by the member it is for, and by whoever holds its access key (the guest, from the POST's statusUrl).
        return pass is null || !(caller.IsOperator || (caller.IsSignedIn && pass.MemberId == caller.Id) || AccessKeys.Match(pass.AccessKey, key))
            ? ProblemResults.NotFound()
            : TypedResults.Ok(ToResponse(pass, await calendar.ZoneAsync(ct), http));
    }

    /// <summary><c>GET /day-passes?date=</c>: the passes of a day (the till to count, the guests to confirm at the desk), oldest first.</summary>
    private static async Task<Results<Ok<List<DayPassResponse>>, ValidationProblem>> ListAsync(
        DateOnly? date, BookingDbContext db, SpaceCalendar calendar, HttpRequest http, CancellationToken ct)
    {
        if (date is null)
        {
            return ProblemResults.Validation("date", "Give the day as date=YYYY-MM-DD.");
        }

        var passes = await db.DayPasses.AsNoTracking().Where(p => p.Date == date).OrderBy(p => p.CreatedAt).ToListAsync(ct);
        var zone = await calendar.ZoneAsync(ct);
        return TypedResults.Ok(passes.Select(p => ToResponse(p, zone, http)).ToList());
    }

    private static async Task<Results<Ok<DayPassResponse>, ValidationProblem, ProblemHttpResult>> ConfirmAsync(
        Guid id, ConfirmDayPassRequest? request, [AsParameters] DayPassServices services, HttpRequest http, CancellationToken ct)
    {
        var (db, planner, transaction, calendar, outbox, _, _) = services;
        if (request?.PaidWith is not { } paidWith || paidWith == PaidWith.Online || !Enum.IsDefined(paidWith))
        {
            return ProblemResults.Validation("paidWith", "'paidWith' must be one of: cash, card, cheque, bank-transfer.");
        }

        var zone = await calendar.ZoneAsync(ct);
        var outcome = await transaction.RunAsync<(DayPass? Pass, ProblemHttpResult? Problem)>(async token =>
        {
            var pass = await db.DayPasses.FirstOrDefaultAsync(p => p.Id == id, token);
            if (pass is null)
            {
                return ((null, ProblemResults.NotFound()), false);
            }

            var booking = await db.Bookings.FirstAsync(b => b.Id == pass.BookingId, token);
            await planner.LockAsync(booking.ResourceId, token);
            // Read again under the lock: a payment confirming the pass at the same moment must be seen.
            await db.Entry(pass).ReloadAsync(token);
            await db.Entry(booking).ReloadAsync(token);
            if (!pass.PayAtDesk && pass.Status == DayPassStatus.Held)
            {
                return ((null, ProblemResults.Conflict("This day pass is being paid online: it is confirmed when the payment arrives.")), false);
            }

            if (pass.Status != DayPassStatus.Held || booking.Status != BookingStatus.Held || booking.HoldExpiresAt <= calendar.UtcNow)
            {
                return ((null, ProblemResults.Conflict(pass.Status == DayPassStatus.Confirmed
                    ? "This day pass is already confirmed."
                    : "This day pass is no longer held (its hold ended or its payment failed): sell a new one at the desk.")), false);
            }

            var resource = await db.Resources.FirstAsync(r => r.Id == booking.ResourceId, token);
            pass.Status = DayPassStatus.Confirmed;
            pass.PaidWith = paidWith;
            pass.HoldExpiresAt = null;
            booking.Status = BookingStatus.Confirmed;
            booking.HoldExpiresAt = null;
            var guest = pass.GuestName is null ? null : new Guest(pass.GuestName, pass.GuestEmail ?? "");
            planner.PublishConfirmed(booking, resource, null, zone);
            outbox.Publish(new DayPassSold(pass.Id, booking.Id, pass.Date, guest, pass.MemberId, new Money(pass.Price, pass.Currency), pass.VatRate, Wire(paidWith)));
            return ((pass, null), true);
        }, ct);

        return outcome.Problem ?? (Results<Ok<DayPassResponse>, ValidationProblem, ProblemHttpResult>)TypedResults.Ok(ToResponse(outcome.Pass!, zone, http));
    }

    internal static string Wire(PaidWith paidWith) => paidWith switch
    {
        PaidWith.BankTransfer => "bank-transfer",
        _ => paidWith.ToString().ToLowerInvariant(),
    };

    private static DayPassResponse ToResponse(DayPass pass, TimeZoneInfo zone, HttpRequest http) => new(
        pass.Id.ToString(), pass.BookingId.ToString(), pass.Date, pass.Status, new Money(pass.Price, pass.Currency),
        pass.HoldExpiresAt is { } at ? SpaceDay.ToLocalOffset(at, zone) : null,
        // Billing answers DayPassRequested with a payment page; until it does there is no address to give.
        pass.Status == DayPassStatus.Held ? pass.CheckoutUrl : null,
        pass.PayAtDesk,
        pass.AccessKey is null ? null : $"{http.PathBase}/api/booking/day-passes/{pass.Id}?key={pass.AccessKey}",
        pass.GuestName is null ? null : new GuestRequest(pass.GuestName, pass.GuestEmail),
        pass.PaidWith);
}
