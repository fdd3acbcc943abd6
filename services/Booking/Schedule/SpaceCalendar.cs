using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Booking.Settings;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Booking.Schedule;

/// <summary>The current space's time zone, currency, rules and days, read once per request.</summary>
public sealed class SpaceCalendar(BookingDbContext db, ITenantContext tenants, TimeProvider clock)
{
    private TimeZoneInfo? zone;
    private string? currency;
    private BookingSettings? settings;
    private List<OpeningPeriod>? weekly;

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

    public async Task<BookingSettings> SettingsAsync(CancellationToken ct = default) =>
        settings ??= await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BookingSettings();

    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => SpaceDay.LocalDate(UtcNow, await ZoneAsync(ct));

    public async Task<SpaceDay> DayAsync(DateOnly date, CancellationToken ct = default)
    {
        weekly ??= await db.OpeningPeriods.AsNoTracking().ToListAsync(ct);
        var closures = await db.Closures.AsNoTracking().Where(c => c.Date == date).ToListAsync(ct);
        return SpaceDay.For(date, await ZoneAsync(ct), weekly, closures);
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
