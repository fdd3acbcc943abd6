using FluentValidation;
using Operators.ServiceDefaults.Http;

namespace Operators.Booking.Schedule;

/// <summary>
/// The dates the API takes: far enough inside <see cref="DateOnly"/>'s range that a day's span in any time zone,
/// or the month after it, is still a date (<c>9999-12-31</c> plus a month is not one).
/// </summary>
public static class DateLimits
{
    public static readonly DateOnly Earliest = new(2, 1, 1);

    public static readonly DateOnly Latest = new(9998, 12, 31);

    private const string Range = "between 0002-01-01 and 9998-12-31";

    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    public static bool Contains(DateTimeOffset instant) => Contains(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>A 400 naming the query parameter when a given date is out of range; null when it is absent or fine.</summary>
    public static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? Check(string field, DateOnly? date) =>
        date is { } value && !Contains(value) ? ProblemResults.Validation(field, $"'{field}' must be a date {Range}.") : null;

    public static IRuleBuilderOptions<T, DateOnly?> WithinLimits<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(d => d is null || Contains(d.Value)).WithMessage("'{PropertyName}' must be a date " + Range + ".");

    public static IRuleBuilderOptions<T, DateTimeOffset?> WithinLimits<T>(this IRuleBuilder<T, DateTimeOffset?> rule) =>
        rule.Must(d => d is null || Contains(d.Value)).WithMessage("'{PropertyName}' must be an instant " + Range + ".");
}
