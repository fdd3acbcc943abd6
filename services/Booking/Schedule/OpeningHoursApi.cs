using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Booking.Schedule;

public sealed record WeeklyPeriod(string? Day, string? Open, string? Close);

public sealed record ClosureEntry(DateOnly? Date, string? Reason);

/// <summary><c>{weekly: [{day, open, close}], closures: [{date, reason}]}</c>, in the space's local time.</summary>
public sealed record OpeningHoursDocument(List<WeeklyPeriod>? Weekly, List<ClosureEntry>? Closures, string? TimeZone = null);

public sealed class OpeningHoursValidator : AbstractValidator<OpeningHoursDocument>
{
    public OpeningHoursValidator()
    {
        RuleFor(d => d.Weekly).NotNull();
        RuleForEach(d => d.Weekly).NotNull().WithMessage("A period is {day, open, close}, not null.");
        RuleForEach(d => d.Weekly).ChildRules(period =>
        {
            period.RuleFor(p => p.Day).Must(d => OpeningHoursApi.ParseDay(d) is not null).WithMessage("A day is monday to sunday.");
            period.RuleFor(p => p.Open).Must(t => OpeningHoursApi.ParseTime(t) is not null).WithMessage("A time is HH:mm.");
            period.RuleFor(p => p.Close).Must(t => OpeningHoursApi.ParseTime(t) is not null).WithMessage("A time is HH:mm.");
            period.RuleFor(p => p).Must(p => OpeningHoursApi.ParseTime(p.Open) < OpeningHoursApi.ParseTime(p.Close))
                .When(p => OpeningHoursApi.ParseTime(p.Open) is not null && OpeningHoursApi.ParseTime(p.Close) is not null)
                .WithMessage("A period closes after it opens.").OverridePropertyName("close");
        });
        RuleFor(d => d.Weekly).Must(NotOverlap).When(d => d.Weekly is not null).WithMessage("Two periods of the same day overlap.");
        RuleForEach(d => d.Closures).NotNull().WithMessage("A closure is {date, reason}, not null.");
        RuleForEach(d => d.Closures).ChildRules(closure =>
        {
            closure.RuleFor(c => c.Date).NotNull().WithinLimits();
            closure.RuleFor(c => c.Reason).NotEmpty().MaximumLength(200).PlainText();
        });
        RuleFor(d => d.Closures).Must(c => c is null || c.Where(x => x is not null).Select(x => x.Date).Distinct().Count() == c.Count(x => x is not null))
            .WithMessage("A date is closed once.");
    }

    private static bool NotOverlap(List<WeeklyPeriod>? weekly)
    {
        var parsed = weekly!.Where(p => p is not null).Select(p => (Day: OpeningHoursApi.ParseDay(p.Day), Open: OpeningHoursApi.ParseTime(p.Open), Close: OpeningHoursApi.ParseTime(p.Close)))
            .Where(p => p.Day is not null && p.Open is not null && p.Close is not null).ToList();
        return parsed.GroupBy(p => p.Day).All(day =>
        {
            var ordered = day.OrderBy(p => p.Open).ToList();
            return ordered.Zip(ordered.Skip(1)).All(pair => pair.First.Close <= pair.Second.Open);
        });
    }
}

/// <summary><c>/opening-hours</c>: anyone reads; operators replace the whole schedule.</summary>
public static class OpeningHoursApi
{
    public static RouteGroupBuilder MapOpeningHours(this RouteGroupBuilder api)
    {
        api.MapGet("/opening-hours", GetAsync);
        api.MapPut("/opening-hours", PutAsync).RequireSpaceRole(SpaceAccess.Operator, "Only operators edit opening hours.");
        return api;
    }

    internal static DayOfWeek? ParseDay(string? day) =>
        Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed) && !int.TryParse(day, out _) ? parsed : null;

    internal static TimeOnly? ParseTime(string? time) =>
        TimeOnly.TryParseExact(time, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed) ? parsed : null;

    private static async Task<Ok<OpeningHoursDocument>> GetAsync(BookingDbContext db, SpaceCalendar calendar, CancellationToken ct) =>
        TypedResults.Ok(await ReadAsync(db, calendar, ct));

    private static async Task<Results<Ok<OpeningHoursDocument>, ValidationProblem>> PutAsync(
        OpeningHoursDocument? document, IValidator<OpeningHoursDocument> validator, BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(document, ct) is { } invalid)
        {
            return invalid;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.OpeningPeriods.RemoveRange(await db.OpeningPeriods.ToListAsync(ct));
        db.Closures.RemoveRange(await db.Closures.ToListAsync(ct));
        await db.SaveChangesAsync(ct);
        db.OpeningPeriods.AddRange(document!.Weekly!.Select(p => new OpeningPeriod
        {
            Day = ParseDay(p.Day)!.Value,
            Open = ParseTime(p.Open)!.Value,
            Close = ParseTime(p.Close)!.Value,
        }));
        db.Closures.AddRange((document.Closures ?? []).Select(c => new Closure { Date = c.Date!.Value, Reason = c.Reason!.Trim() }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        calendar.Forget();
        return TypedResults.Ok(await ReadAsync(db, calendar, ct));
    }

    private static async Task<OpeningHoursDocument> ReadAsync(BookingDbContext db, SpaceCalendar calendar, CancellationToken ct)
    {
        var weekly = await db.OpeningPeriods.AsNoTracking().ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().OrderBy(c => c.Date).ToListAsync(ct);
        var zone = await calendar.ZoneAsync(ct);
        return new OpeningHoursDocument(
            weekly.OrderBy(p => ((int)p.Day + 6) % 7).ThenBy(p => p.Open)
                .Select(p => new WeeklyPeriod(p.Day.ToString().ToLowerInvariant(), p.Open.ToString("HH:mm", CultureInfo.InvariantCulture), p.Close.ToString("HH:mm", CultureInfo.InvariantCulture)))
                .ToList(),
            closures.Select(c => new ClosureEntry(c.Date, c.Reason)).ToList(),
            zone.Id);
    }
}
