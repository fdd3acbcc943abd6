using Microsoft.EntityFrameworkCore;
using Operators.Booking.Allowances;
using Operators.Booking.Bookings;
using Operators.Booking.Calendar;
using Operators.Booking.DayPasses;
using Operators.Booking.Events;
using Operators.Booking.Presence;
using Operators.Booking.Resources;
using Operators.Booking.Schedule;
using Operators.Booking.Settings;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Tenancy.EntityFramework;

namespace Operators.Booking.Persistence;

/// <summary>The booking service's database. Tenant-owned rows are filtered and guarded by <see cref="TenantDbContext"/>.</summary>
public class BookingDbContext(DbContextOptions options, ITenantContext tenants) : TenantDbContext(options, tenants)
{
    public DbSet<Resource> Resources => Set<Resource>();

    public DbSet<BookingSettings> Settings => Set<BookingSettings>();

    public DbSet<OpeningPeriod> OpeningPeriods => Set<OpeningPeriod>();

    public DbSet<Closure> Closures => Set<Closure>();

    public DbSet<Bookings.Booking> Bookings => Set<Bookings.Booking>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    public DbSet<AllowancePeriod> AllowancePeriods => Set<AllowancePeriod>();

    public DbSet<DayPass> DayPasses => Set<DayPass>();

    public DbSet<MemberProfile> MemberProfiles => Set<MemberProfile>();

    public DbSet<CommunityEvent> Events => Set<CommunityEvent>();

    public DbSet<Rsvp> Rsvps => Set<Rsvp>();

    public DbSet<CalendarFeed> CalendarFeeds => Set<CalendarFeed>();

    /// <summary>
    /// What every service's database has (outbox, inbox, the spaces it provisioned), then each entity's own
    /// configuration, which lives next to the entity in its feature folder. Provider-specific model settings
    /// would go in the provider's subclass; DDL that EF cannot model stays in that provider's migrations.
    /// </summary>
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddProvisionedSpaces();
        // This assembly's, named rather than GetType()'s, so a context subclassed elsewhere gets the same model.
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BookingDbContext).Assembly);
    }
}

/// <summary>The SQLite flavour (standalone); it owns the SQLite migrations.</summary>
public sealed class SqliteBookingDbContext(DbContextOptions<SqliteBookingDbContext> options, ITenantContext tenants) : BookingDbContext(options, tenants);

/// <summary>The PostgreSQL flavour (distributed); it owns the PostgreSQL migrations.</summary>
public sealed class PostgresBookingDbContext(DbContextOptions<PostgresBookingDbContext> options, ITenantContext tenants) : BookingDbContext(options, tenants);

internal sealed class SqliteBookingDesignTimeFactory : SqliteDesignTimeFactory<SqliteBookingDbContext>;

internal sealed class PostgresBookingDesignTimeFactory : PostgresDesignTimeFactory<PostgresBookingDbContext>;
