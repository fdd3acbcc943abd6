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

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddProvisionedSpaces();

        modelBuilder.Entity<Resource>(r =>
        {
            r.ToTable("resources");
            r.Property(x => x.Name).HasMaxLength(120);
            r.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.BookableBy).HasConversion<string>().HasMaxLength(16);
            r.Property(x => x.PricePerDay).HasPrecision(12, 2);
            r.Property(x => x.PricePerHour).HasPrecision(12, 2);
            r.Property(x => x.VatRate).HasPrecision(5, 2);
        });
        modelBuilder.Entity<BookingSettings>(s =>
        {
            s.ToTable("booking_settings");
            s.HasKey(x => x.TenantId);
            s.Property(x => x.TenantId).ValueGeneratedNever();
            s.Property(x => x.LateCancellationFeeShare).HasPrecision(5, 4);
            s.Property(x => x.DefaultVatRate).HasPrecision(5, 2);
        });
        modelBuilder.Entity<OpeningPeriod>(o => o.ToTable("opening_periods"));
        modelBuilder.Entity<Closure>(c =>
        {
            c.ToTable("closures");
            c.HasIndex(x => new { x.TenantId, x.Date }).IsUnique();
            c.Property(x => x.Reason).HasMaxLength(200);
        });
        modelBuilder.Entity<Bookings.Booking>(b =>
        {
            b.ToTable("bookings");
            b.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            b.Property(x => x.Currency).HasMaxLength(3);
            b.Property(x => x.AllowanceUsed).HasPrecision(8, 2);
            b.Property(x => x.ChargeAmount).HasPrecision(12, 2);
            b.Property(x => x.CancellationFee).HasPrecision(12, 2);
            b.Property(x => x.VatRate).HasPrecision(5, 2);
            b.HasIndex(x => new { x.ResourceId, x.Start });
            b.HasIndex(x => new { x.TenantId, x.Date });
            b.HasIndex(x => new { x.MemberId, x.Start });
            b.HasIndex(x => x.EventId);
        });
        modelBuilder.Entity<IdempotencyRecord>(i =>
        {
            i.ToTable("idempotency_records");
            i.HasKey(x => new { x.TenantId, x.Caller, x.Key });
            i.Property(x => x.Caller).HasMaxLength(64);
            i.Property(x => x.Key).HasMaxLength(128);
            i.Property(x => x.RequestHash).HasMaxLength(64);
            i.Property(x => x.Location).HasMaxLength(256);
        });
        modelBuilder.Entity<AllowancePeriod>(a =>
        {
            a.ToTable("allowance_periods");
            a.HasIndex(x => new { x.TenantId, x.MemberId, x.PeriodStart });
            a.HasIndex(x => new { x.SubscriptionId, x.PeriodStart }).IsUnique();
            a.Property(x => x.RoomHoursGranted).HasPrecision(8, 2);
            a.Property(x => x.RoomHoursUsed).HasPrecision(8, 2);
            a.Property(x => x.Version).IsConcurrencyToken();
        });
        modelBuilder.Entity<DayPass>(d =>
        {
            d.ToTable("day_passes");
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.PaidWith).HasConversion<string>().HasMaxLength(16);
            d.Property(x => x.GuestName).HasMaxLength(200);
            d.Property(x => x.GuestEmail).HasMaxLength(256);
            d.Property(x => x.Price).HasPrecision(12, 2);
            d.Property(x => x.VatRate).HasPrecision(5, 2);
            d.Property(x => x.Currency).HasMaxLength(3);
        });
        modelBuilder.Entity<MemberProfile>(m =>
        {
            m.ToTable("member_profiles");
            m.HasKey(x => new { x.TenantId, x.MemberId });
            m.Property(x => x.DisplayName).HasMaxLength(200);
        });
        modelBuilder.Entity<CommunityEvent>(e =>
        {
            e.ToTable("events");
            e.Property(x => x.Title).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.HasIndex(x => new { x.TenantId, x.Start });
        });
        modelBuilder.Entity<Rsvp>(r =>
        {
            r.ToTable("rsvps");
            r.HasKey(x => new { x.EventId, x.MemberId });
            r.HasIndex(x => new { x.TenantId, x.MemberId });
        });
        modelBuilder.Entity<CalendarFeed>(c =>
        {
            c.ToTable("calendar_feeds");
            c.HasKey(x => new { x.TenantId, x.MemberId });
            c.HasIndex(x => x.Token).IsUnique();
            c.Property(x => x.Token).HasMaxLength(64);
        });
    }
}

/// <summary>The SQLite flavour (standalone); it owns the SQLite migrations.</summary>
public sealed class SqliteBookingDbContext(DbContextOptions<SqliteBookingDbContext> options, ITenantContext tenants) : BookingDbContext(options, tenants);

/// <summary>The PostgreSQL flavour (distributed); it owns the PostgreSQL migrations.</summary>
public sealed class PostgresBookingDbContext(DbContextOptions<PostgresBookingDbContext> options, ITenantContext tenants) : BookingDbContext(options, tenants);

internal sealed class SqliteBookingDesignTimeFactory : SqliteDesignTimeFactory<SqliteBookingDbContext>;

internal sealed class PostgresBookingDesignTimeFactory : PostgresDesignTimeFactory<PostgresBookingDbContext>;
