using Microsoft.EntityFrameworkCore;
using Operators.Billing.Persistence;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Billing.Spaces;

/// <summary>
/// The current space's time zone, currency and today: an invoice's issue date is the space's date, whatever the
/// server's zone (an invoice issued at 00:30 in Paris on 1 January belongs to the new year's series).
/// </summary>
public sealed class BillingCalendar(BillingDbContext db, ITenantContext tenants, TimeProvider clock)
{
    private TenantInfo? space;

    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<TenantInfo> SpaceAsync(CancellationToken ct = default)
    {
        // Consumers and jobs know only the space id: the rest comes from this service's own record.
        space ??= tenants.Tenant
            ?? (await db.Set<ProvisionedSpace>().AsNoTracking().FirstAsync(s => s.Id == tenants.TenantId, ct)).ToTenant();
        return space;
    }

    public async Task<DateOnly> TodayAsync(CancellationToken ct = default)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById((await SpaceAsync(ct)).TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(UtcNow, DateTimeKind.Utc), zone));
    }

    public async Task<string> CurrencyAsync(CancellationToken ct = default) => (await SpaceAsync(ct)).Currency;
}
