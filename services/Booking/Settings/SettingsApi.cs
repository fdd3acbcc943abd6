using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;

namespace Operators.Booking.Settings;

public sealed record BookingSettingsDocument(
    int? MaxBookingHours,
    int? AdvanceWindowDays,
    int? FreeCancellationHours,
    decimal? LateCancellationFeeShare,
    int? NoShowGraceMinutes,
    int? DayPassHoldMinutes,
    decimal? DefaultVatRate);

public sealed class BookingSettingsValidator : AbstractValidator<BookingSettingsDocument>
{
    public BookingSettingsValidator()
    {
        RuleFor(s => s.MaxBookingHours).NotNull().InclusiveBetween(1, 24);
        RuleFor(s => s.AdvanceWindowDays).NotNull().InclusiveBetween(1, 730);
        RuleFor(s => s.FreeCancellationHours).NotNull().InclusiveBetween(0, 24 * 30);
        RuleFor(s => s.LateCancellationFeeShare).NotNull().InclusiveBetween(0, 1);
        RuleFor(s => s.NoShowGraceMinutes).NotNull().InclusiveBetween(5, 24 * 60);
        RuleFor(s => s.DayPassHoldMinutes).NotNull().InclusiveBetween(1, 24 * 60);
        RuleFor(s => s.DefaultVatRate).NotNull().InclusiveBetween(0, 100);
    }
}

/// <summary><c>/settings</c>: the space's booking rules (booking length, advance window, cancellation, no-shows, holds).</summary>
public static class SettingsApi
{
    public static RouteGroupBuilder MapBookingSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", async (BookingDbContext db, CancellationToken ct) =>
            TypedResults.Ok(ToDocument(await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BookingSettings())));
        api.MapPut("/settings", PutAsync).RequireSpaceRole(SpaceAccess.Operator, "Only operators change the booking rules.");
        return api;
    }

    private static async Task<Results<Ok<BookingSettingsDocument>, ValidationProblem>> PutAsync(
        BookingSettingsDocument? document, IValidator<BookingSettingsDocument> validator, BookingDbContext db,
        Schedule.SpaceCalendar calendar, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(document, ct) is { } invalid)
        {
            return invalid;
        }

        var settings = await db.Settings.FirstOrDefaultAsync(ct);
        if (settings is null)
        {
            settings = new BookingSettings();
            db.Settings.Add(settings);
        }

        settings.MaxBookingHours = document!.MaxBookingHours!.Value;
        settings.AdvanceWindowDays = document.AdvanceWindowDays!.Value;
        settings.FreeCancellationHours = document.FreeCancellationHours!.Value;
        settings.LateCancellationFeeShare = document.LateCancellationFeeShare!.Value;
        settings.NoShowGraceMinutes = document.NoShowGraceMinutes!.Value;
        settings.DayPassHoldMinutes = document.DayPassHoldMinutes!.Value;
        settings.DefaultVatRate = document.DefaultVatRate!.Value;
        await db.SaveChangesAsync(ct);
        calendar.Forget();
        return TypedResults.Ok(ToDocument(settings));
    }

    private static BookingSettingsDocument ToDocument(BookingSettings s) =>
        new(s.MaxBookingHours, s.AdvanceWindowDays, s.FreeCancellationHours, s.LateCancellationFeeShare, s.NoShowGraceMinutes, s.DayPassHoldMinutes, s.DefaultVatRate);
}
