using Microsoft.EntityFrameworkCore;
using Operators.Membership.Persistence;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Membership.Subscriptions;

/// <summary>
/// The current space's time zone, language, currency and today, as Booking's <c>SpaceCalendar</c> gives them:
/// a subscription's days are the space's days, whatever the server's zone.
/// </summary>
public sealed class MembershipCalendar(MembershipDbContext db, ITenantContext tenants, TimeProvider clock)
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

    public async Task<DateOnly> TodayAsync(CancellationToken ct = default) => Today(UtcNow, await SpaceAsync(ct));

    public async Task<string> CurrencyAsync(CancellationToken ct = default) => (await SpaceAsync(ct)).Currency;

    /// <summary>The date it is in <paramref name="space"/>'s time zone at <paramref name="utc"/>.</summary>
    public static DateOnly Today(DateTime utc, TenantInfo space)
    {
        ArgumentNullException.ThrowIfNull(space);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(space.TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));
    }
}
