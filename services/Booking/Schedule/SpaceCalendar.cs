using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Operators.Booking.Persistence;
using Operators.Booking.Settings;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Booking.Schedule;

/// <summary>A space's rules and schedule as last read; they change rarely and are read by every booking.</summary>
internal sealed record ScheduleSnapshot(BookingSettings Settings, List<OpeningPeriod> Weekly, List<Closure> Closures);

/// <summary>
/// The current space's time zone, currency, rules and days. Rules and schedule are kept in memory per space
/// for a short while (<see cref="CacheDuration"/>) and dropped at once when this process changes them; another
/// replica sees a change within that delay.
/// </summary>
public sealed class SpaceCalendar(BookingDbContext db, ITenantContext tenants, TimeProvider clock, IMemoryCache cache)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    private TimeZoneInfo? zone;
    private string? currency;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<TimeZoneInfo> ZoneAsync(CancellationToken ct = default)
    {
        if (zone is null)
        {
            await LoadSpaceAsync(ct);
        }

        return zone!;
    }

    public async Task<string> CurrencyAsync(CancellationToken ct = default)
    {
        if (currency is null)
        {
            await LoadSpaceAsync(ct);
        }

        return currency!;
    }

    public async Task<BookingSettings> SettingsAsync(CancellationToken ct = default) => (await ScheduleAsync(ct)).Settings;

    /// <summary>Forgets the current space's cached rules and schedule (after an edit).</summary>
    public void Forget() => cache.Remove(CacheKey);

    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => SpaceDay.LocalDate(UtcNow, await ZoneAsync(ct));

    public async Task<SpaceDay> DayAsync(DateOnly date, CancellationToken ct = default)
    {
        var schedule = await ScheduleAsync(ct);
        return SpaceDay.For(date, await ZoneAsync(ct), schedule.Weekly, schedule.Closures);
    }

    private string CacheKey => "booking-schedule:" + tenants.TenantId;

    private async Task<ScheduleSnapshot> ScheduleAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey, out ScheduleSnapshot? cached))
        {
            return cached!;
        }

        var snapshot = new ScheduleSnapshot(
            await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BookingSettings(),
            await db.OpeningPeriods.AsNoTracking().ToListAsync(ct),
            await db.Closures.AsNoTracking().ToListAsync(ct));
        cache.Set(CacheKey, snapshot, CacheDuration);
        return snapshot;
    }

    private async Task LoadSpaceAsync(CancellationToken ct)
    {
        var tenant = tenants.Tenant;
        if (tenant is null)
        {
            // Consumers and jobs know only the space id: read the rest from this service's own record.
            var space = await db.Set<ProvisionedSpace>().AsNoTracking().FirstAsync(s => s.Id == tenants.TenantId, ct);
            tenant = space.ToTenant();
        }

        zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        currency = tenant.Currency;
    }
}
