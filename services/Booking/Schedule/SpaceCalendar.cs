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
/// The current space's time zone, currency, rules and days (<see cref="SpaceClock{TContext}"/> gives the first
/// three). Rules and schedule are kept in memory per space
/// for a short while (<see cref="CacheDuration"/>) and dropped at once when this process changes them; another
/// replica sees a change within that delay.
/// </summary>
public sealed class SpaceCalendar(BookingDbContext db, ITenantContext tenants, TimeProvider clock, IMemoryCache cache)
    : SpaceClock<BookingDbContext>(db, tenants, clock)
{
    public static readonly TimeSpan CacheDuration = TimeSpan.FromSeconds(30);

    public async Task<BookingSettings> SettingsAsync(CancellationToken ct = default) => (await ScheduleAsync(ct)).Settings;

    /// <summary>Forgets the current space's cached rules and schedule (after an edit).</summary>
    public void Forget() => cache.Remove(CacheKey);

    public async Task<SpaceDay> DayAsync(DateOnly date, CancellationToken ct = default)
    {
        var schedule = await ScheduleAsync(ct);
        return SpaceDay.For(date, await ZoneAsync(ct), schedule.Weekly, schedule.Closures);
    }

    private string CacheKey => "booking-schedule:" + Tenants.TenantId;

    private async Task<ScheduleSnapshot> ScheduleAsync(CancellationToken ct)
    {
        if (cache.TryGetValue(CacheKey, out ScheduleSnapshot? cached))
        {
            return cached!;
        }

        var snapshot = new ScheduleSnapshot(
            await Db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BookingSettings(),
            await Db.OpeningPeriods.AsNoTracking().ToListAsync(ct),
            await Db.Closures.AsNoTracking().ToListAsync(ct));
        cache.Set(CacheKey, snapshot, CacheDuration);
        return snapshot;
    }
}
