using Operators.Booking.Persistence;
using Operators.Booking.Spaces;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Booking;

/// <summary>Wires the booking service; its own host and the standalone host both call these two methods.</summary>
public static class BookingModule
{
    public const string Name = "Booking";

    public static WebApplicationBuilder AddBooking(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<BookingDbContext, SqliteBookingDbContext, PostgresBookingDbContext, ProvisionSpaceConsumer>(Name);
        return builder;
    }

    public static WebApplication MapBooking(this WebApplication app)
    {
        app.MapSpaceServiceApi<BookingDbContext>(Name);
        return app;
    }
}
