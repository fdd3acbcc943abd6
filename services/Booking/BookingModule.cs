using FluentValidation;
using Hangfire;
using Operators.Booking.Allowances;
using Operators.Booking.Bookings;
using Operators.Booking.Calendar;
using Operators.Booking.DayPasses;
using Operators.Booking.Events;
using Operators.Booking.Jobs;
using Operators.Booking.Members;
using Operators.Booking.Persistence;
using Operators.Booking.Presence;
using Operators.Booking.Resources;
using Operators.Booking.Schedule;
using Operators.Booking.Settings;
using Operators.Booking.Spaces;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Jobs;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Booking;

/// <summary>Wires the booking service; its own host and the standalone host both call these two methods.</summary>
public static class BookingModule
{
    public const string Name = "Booking";

    public static WebApplicationBuilder AddBooking(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<BookingDbContext, SqliteBookingDbContext, PostgresBookingDbContext, ProvisionSpaceConsumer>(Name);
        builder.AddServiceJobs(Name);
        var services = builder.Services;
        services.AddScoped<SpaceCalendar>();
        services.AddScoped<BookingPlanner>();
        services.AddScoped<BookingTransaction>();
        services.AddScoped<IdempotentReplay>();
        services.AddScoped<BookingJobs>();
        services.AddValidatorsFromAssemblyContaining<CreateBookingValidator>();
        builder.AddConsumer<MembershipActivatedConsumer, MembershipActivatedConsumerDefinition>();
        builder.AddConsumer<MembershipRenewedConsumer, MembershipRenewedConsumerDefinition>();
        builder.AddConsumer<MembershipChangedConsumer, MembershipChangedConsumerDefinition>();
        builder.AddConsumer<MembershipPausedConsumer, MembershipPausedConsumerDefinition>();
        builder.AddConsumer<MembershipResumedConsumer, MembershipResumedConsumerDefinition>();
        builder.AddConsumer<MembershipEndedConsumer, MembershipEndedConsumerDefinition>();
        builder.AddConsumer<MemberProfileChangedConsumer, MemberProfileChangedConsumerDefinition>();
        builder.AddConsumer<MemberErasedConsumer, MemberErasedConsumerDefinition>();
        builder.AddConsumer<DayPassPaymentReceivedConsumer, DayPassPaymentReceivedConsumerDefinition>();
        builder.AddConsumer<DayPassPaymentFailedConsumer, DayPassPaymentFailedConsumerDefinition>();
        builder.AddConsumer<DayPassCheckoutOpenedConsumer, DayPassCheckoutOpenedConsumerDefinition>();
        return builder;
    }

    public static WebApplication MapBooking(this WebApplication app)
    {
        app.MapSpaceServiceApi<BookingDbContext>(Name)
            .MapResources()
            .MapOpeningHours()
            .MapBookingSettings()
            .MapAvailability()
            .MapBookings()
            .MapDayPasses()
            .MapAllowances()
            .MapPresence()
            .MapEvents()
            .MapCalendar()
            .MapMemberExport();

        var jobs = app.Services.GetRequiredService<IRecurringJobManager>();
        jobs.AddOrUpdate<BookingJobs>(BookingJobs.NoShowJobId, j => j.MarkNoShowsAsync(), app.Configuration["Booking:NoShowCron"] ?? "*/5 * * * *");
        jobs.AddOrUpdate<BookingJobs>(BookingJobs.HoldSweepJobId, j => j.SweepExpiredHoldsAsync(), Cron.Minutely());
        jobs.AddOrUpdate<BookingJobs>(BookingJobs.IdempotencyCleanupJobId, j => j.ForgetOldIdempotencyKeysAsync(), Cron.Daily());
        return app;
    }
}
