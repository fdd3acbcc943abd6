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

public sealed record DayPassResponse(string Id, string BookingId, DateOnly Date, DayPassStatus Status, Money Price, DateTimeOffset? HoldExpiresAt, string? CheckoutUrl);

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
        api.MapGet("/day-passes/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
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
                    outbox.Publish(new DayPassRequested(pass.Id, booking.Id, pass.Date, guest ?? new Guest("member", ""), price, pass.VatRate, SpaceDay.ToLocalOffset(holdUntil!.Value, zone)));
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

        return TypedResults.Created($"{http.PathBase}/api/booking/day-passes/{pass.Id}", ToResponse(pass, zone));
    }

    private static async Task<Results<Ok<DayPassResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var pass = await db.DayPasses.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        // A pass is seen by operators and by the member it is for; a guest keeps the answer of the POST.
        return pass is null || !(caller.IsOperator || (caller.IsSignedIn && pass.MemberId == caller.Id))
            ? ProblemResults.NotFound()
            : TypedResults.Ok(ToResponse(pass, await calendar.ZoneAsync(ct)));
    }

    internal static string Wire(PaidWith paidWith) => paidWith switch
    {
        PaidWith.BankTransfer => "bank-transfer",
        _ => paidWith.ToString().ToLowerInvariant(),
    };

    private static DayPassResponse ToResponse(DayPass pass, TimeZoneInfo zone) => new(
        pass.Id.ToString(), pass.BookingId.ToString(), pass.Date, pass.Status, new Money(pass.Price, pass.Currency),
        pass.HoldExpiresAt is { } at ? SpaceDay.ToLocalOffset(at, zone) : null,
        // Billing answers DayPassRequested with a payment page; until it does there is no address to give.
        null);
}
