using Operators.Booking.Persistence;
using Operators.Booking.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy.Resolution;

namespace Operators.Booking;

/// <summary>Wires the booking service; its own host and the standalone host both call these two methods.</summary>
public static class BookingModule
{
    public const string Audience = "booking";

    public static WebApplicationBuilder AddBooking(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<BookingDbContext, SqliteBookingDbContext, PostgresBookingDbContext>("Booking");
        builder.Services.AddOutbox<BookingDbContext>(builder.Configuration);
        builder.AddProvisionedSpaceStore<BookingDbContext>();
        builder.AddInternalAuthentication(Audience);
        builder.AddConsumers(bus => bus.AddConsumer<ProvisionSpaceConsumer>());
        return builder;
    }

    public static WebApplication MapBooking(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/booking")
            .RequireInternalToken(Audience)
            .RequireTenant()
            .WithTags("Booking");
        api.MapProvisionedSpace<BookingDbContext>();
        return app;
    }
}
