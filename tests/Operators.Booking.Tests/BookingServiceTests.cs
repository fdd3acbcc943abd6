using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Booking.Persistence;
using Operators.Booking.Spaces;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class BookingServiceTests(string provider) : ServiceContractTests("Booking", provider);

public sealed class BookingProvisioningTests() : ProvisioningStepContractTests<BookingDbContext, ProvisionSpaceConsumer>("booking")
{
    protected override void AddContext(IServiceCollection services, SqliteConnection connection) =>
        services.AddDbContext<BookingDbContext, SqliteBookingDbContext>(o => o.UseSqlite(connection));
}
