using Microsoft.EntityFrameworkCore;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Persistence;

/// <summary>The booking service's database. Tenant-owned rows are filtered and guarded by <see cref="TenantDbContext"/>.</summary>
public class BookingDbContext(DbContextOptions options, ITenantContext tenants) : TenantDbContext(options, tenants)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddProvisionedSpaces();
    }
}

/// <summary>The SQLite flavour (standalone); it owns the SQLite migrations.</summary>
public sealed class SqliteBookingDbContext(DbContextOptions<SqliteBookingDbContext> options, ITenantContext tenants) : BookingDbContext(options, tenants);

/// <summary>The PostgreSQL flavour (distributed); it owns the PostgreSQL migrations.</summary>
public sealed class PostgresBookingDbContext(DbContextOptions<PostgresBookingDbContext> options, ITenantContext tenants) : BookingDbContext(options, tenants);

internal sealed class SqliteBookingDesignTimeFactory : SqliteDesignTimeFactory<SqliteBookingDbContext>;

internal sealed class PostgresBookingDesignTimeFactory : PostgresDesignTimeFactory<PostgresBookingDbContext>;
