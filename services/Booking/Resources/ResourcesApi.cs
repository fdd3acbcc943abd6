using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Bookings;
using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Booking.Resources;

public sealed record ResourceRequest(
    string? Name,
    ResourceKind? Kind,
    int? Capacity,
    PriceInput? PricePerDay,
    PriceInput? PricePerHour,
    decimal? VatRate,
    BookableBy? BookableBy,
    List<string>? Amenities,
    bool? Active);

/// <summary>A resource; its prices are money objects in the space's currency.</summary>
public sealed record ResourceResponse(
    string Id, string Name, ResourceKind Kind, int Capacity, Money? PricePerDay, Money? PricePerHour, decimal VatRate,
    BookableBy BookableBy, IReadOnlyList<string> Amenities, bool Active)
{
    public static ResourceResponse From(Resource r, string currency) =>
        new(r.Id.ToString(), r.Name, r.Kind, r.Capacity, Price(r.PricePerDay, currency), Price(r.PricePerHour, currency), r.VatRate, r.BookableBy, r.Amenities, r.Active);

    private static Money? Price(decimal? amount, string currency) => amount is { } value ? new Money(value, currency) : null;
}

public sealed class ResourceValidator : AbstractValidator<ResourceRequest>
{
    public ResourceValidator()
    {
        RuleFor(r => r.Name).NotEmpty().MaximumLength(120).PlainText();
        RuleFor(r => r.Kind).NotNull().IsInEnum().WithMessage("'kind' must be one of: desk-pool, desk, room, office.");
        RuleFor(r => r.Capacity).NotNull().InclusiveBetween(1, 500);
        RuleFor(r => r.Capacity).Equal(1).When(r => r.Kind is ResourceKind.Desk).WithMessage("A desk seats one person.");
        RuleFor(r => r.PricePerDay!.Amount).GreaterThanOrEqualTo(0).PrecisionScale(12, 2, true).When(r => r.PricePerDay is not null).OverridePropertyName("pricePerDay");
        RuleFor(r => r.PricePerHour!.Amount).GreaterThanOrEqualTo(0).PrecisionScale(12, 2, true).When(r => r.PricePerHour is not null).OverridePropertyName("pricePerHour");
        RuleFor(r => r.PricePerHour).NotNull().When(r => r.Kind == ResourceKind.Room && r.PricePerDay is null)
            .WithMessage("A room is booked by the hour: give a price per hour (0 for free).");
        RuleFor(r => r.PricePerDay).NotNull().When(r => r.Kind is not null && r.Kind != ResourceKind.Room)
            .WithMessage("This kind is booked by the day: give a price per day (0 for free).");
        RuleFor(r => r.VatRate).InclusiveBetween(0, 100).When(r => r.VatRate is not null);
        RuleFor(r => r.BookableBy).IsInEnum().WithMessage("'bookableBy' must be one of: members, everyone.");
        RuleForEach(r => r.Amenities).NotEmpty().MaximumLength(60).PlainText();
        RuleFor(r => r.Amenities).Must(a => a is null || a.Count <= 30).WithMessage("At most 30 amenities.");
    }
}

/// <summary><c>/resources</c>: anyone reads the active ones; operators create, edit and deactivate.</summary>
public static class ResourcesApi
{
    public static RouteGroupBuilder MapResources(this RouteGroupBuilder api)
    {
        var resources = api.MapGroup("/resources");
        const string Denied = "Only operators manage resources.";
        resources.MapGet("/", ListAsync);
        resources.MapPost("/", CreateAsync).RequireSpaceRole(SpaceAccess.Operator, Denied);
        resources.MapGet("/{id:guid}", GetAsync).ProducesProblem(StatusCodes.Status404NotFound);
        resources.MapPut("/{id:guid}", UpdateAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        resources.MapDelete("/{id:guid}", DeleteAsync).RequireSpaceRole(SpaceAccess.Operator, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Ok<List<ResourceResponse>>> ListAsync(Caller caller, BookingDbContext db, SpaceCalendar calendar, bool? includeInactive, CancellationToken ct)
    {
        var all = includeInactive == true && caller.IsOperator;
        var rows = await db.Resources.AsNoTracking().Where(r => all || r.Active).OrderBy(r => r.Kind).ThenBy(r => r.Name).ToListAsync(ct);
        var currency = await calendar.CurrencyAsync(ct);
        return TypedResults.Ok(rows.Select(r => ResourceResponse.From(r, currency)).ToList());
    }

    private static async Task<Results<Ok<ResourceResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var resource = await db.Resources.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return resource is null || (!resource.Active && !caller.IsOperator)
            ? ProblemResults.NotFound()
            : TypedResults.Ok(ResourceResponse.From(resource, await calendar.CurrencyAsync(ct)));
    }

    private static async Task<Results<Created<ResourceResponse>, ValidationProblem>> CreateAsync(
        ResourceRequest? request, IValidator<ResourceRequest> validator, BookingDbContext db, SpaceCalendar calendar, HttpRequest http, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var currency = await calendar.CurrencyAsync(ct);
        if (OtherCurrency(request!, currency) is { } otherCurrency)
        {
            return otherCurrency;
        }

        var resource = new Resource { Id = Guid.CreateVersion7(), Name = request!.Name!.Trim(), CreatedAt = calendar.UtcNow };
        await ApplyAsync(resource, request, calendar, ct);
        db.Resources.Add(resource);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{http.PathBase}/api/booking/resources/{resource.Id}", ResourceResponse.From(resource, currency));
    }

    private static async Task<Results<Ok<ResourceResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, ResourceRequest? request, IValidator<ResourceRequest> validator, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var currency = await calendar.CurrencyAsync(ct);
        if (OtherCurrency(request!, currency) is { } otherCurrency)
        {
            return otherCurrency;
        }

        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return ProblemResults.NotFound();
        }

        if (resource.Kind != request!.Kind && await HasFutureBookingsAsync(db, id, calendar.UtcNow, ct))
        {
            return ProblemResults.Conflict("The kind of a resource with future bookings cannot change; deactivate it and create another.");
        }

        resource.Name = request.Name!.Trim();
        await ApplyAsync(resource, request, calendar, ct);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ResourceResponse.From(resource, currency));
    }

    /// <summary>Deletes a resource nobody has booked for the future; otherwise only deactivation (PUT active=false) is possible.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var resource = await db.Resources.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (resource is null)
        {
            return ProblemResults.NotFound();
        }

        if (await HasFutureBookingsAsync(db, id, calendar.UtcNow, ct))
        {
            return ProblemResults.Conflict($"{resource.Name} has future bookings: it cannot be deleted, only deactivated.");
        }

        if (await db.Bookings.AnyAsync(b => b.ResourceId == id, ct))
        {
            // Past bookings keep their history: the resource is kept, inactive.
            resource.Active = false;
        }
        else
        {
            db.Resources.Remove(resource);
        }

        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Prices are kept in the space's currency: a price given in another one is a 400, not a silent conversion.</summary>
    private static ValidationProblem? OtherCurrency(ResourceRequest request, string currency)
    {
        foreach (var (field, price) in new[] { ("pricePerDay", request.PricePerDay), ("pricePerHour", request.PricePerHour) })
        {
            if (price?.Currency is { } given && !string.Equals(given, currency, StringComparison.Ordinal))
            {
                return ProblemResults.Validation(field + ".currency", $"Prices are in {currency}, the space's currency.");
            }
        }

        return null;
    }

    private static Task<bool> HasFutureBookingsAsync(BookingDbContext db, Guid id, DateTime now, CancellationToken ct) =>
        db.Bookings.AnyAsync(b => b.ResourceId == id && b.End > now
            && (b.Status == BookingStatus.Confirmed || b.Status == BookingStatus.CheckedIn || b.Status == BookingStatus.Held), ct);

    private static async Task ApplyAsync(Resource resource, ResourceRequest request, SpaceCalendar calendar, CancellationToken ct)
    {
        resource.Kind = request.Kind!.Value;
        resource.Capacity = request.Capacity!.Value;
        resource.PricePerDay = request.PricePerDay?.Amount;
        resource.PricePerHour = request.PricePerHour?.Amount;
        resource.VatRate = request.VatRate ?? (await calendar.SettingsAsync(ct)).DefaultVatRate;
        resource.BookableBy = request.BookableBy ?? BookableBy.Members;
        resource.Amenities = request.Amenities?.Select(a => a.Trim()).Distinct().ToList() ?? [];
        resource.Active = request.Active ?? true;
    }
}
