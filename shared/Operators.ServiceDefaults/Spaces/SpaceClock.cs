using Microsoft.EntityFrameworkCore;
using Operators.Tenancy;

namespace Operators.ServiceDefaults.Spaces;

/// <summary>
/// The current space's time zone, currency and today, for one request or one message: a space's days are its own,
/// whatever the server's zone (an invoice issued at 00:30 in Paris on 1 January belongs to the new year). Requests
/// know their space; consumers and jobs know only its id, and read the rest from the service's own record of it.
/// Each service derives its calendar from this one (booking adds its schedule).
/// </summary>
public abstract class SpaceClock<TContext>(TContext db, ITenantContext tenants, TimeProvider clock)
    where TContext : DbContext
{
    private TenantInfo? space;

    /// <summary>The service's database, for what a derived calendar reads besides the space.</summary>
    protected TContext Db { get; } = db;

    protected ITenantContext Tenants { get; } = tenants;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<TenantInfo> SpaceAsync(CancellationToken ct = default)
    {
        space ??= Tenants.Tenant
            ?? (await Db.Set<ProvisionedSpace>().AsNoTracking().FirstAsync(s => s.Id == Tenants.TenantId, ct)).ToTenant();
        return space;
    }

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct = default) =>
        TimeZoneInfo.FindSystemTimeZoneById((await SpaceAsync(ct)).TimeZone);

    public async Task<string> CurrencyAsync(CancellationToken ct = default) => (await SpaceAsync(ct)).Currency;

    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => SpaceDates.LocalDate(UtcNow, await ZoneAsync(ct));
}

/// <summary>A space's dates, for code that holds the space or its zone already.</summary>
public static class SpaceDates
{
    /// <summary>The date it is in <paramref name="space"/>'s time zone at <paramref name="utc"/>.</summary>
    public static DateOnly Today(DateTime utc, TenantInfo space)
    {
        ArgumentNullException.ThrowIfNull(space);
        return LocalDate(utc, TimeZoneInfo.FindSystemTimeZoneById(space.TimeZone));
    }

    /// <summary>The date it is in <paramref name="zone"/> at <paramref name="utc"/>.</summary>
    public static DateOnly LocalDate(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
}
