using Microsoft.EntityFrameworkCore;
using Operators.Membership.Persistence;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Membership.Privacy;

/// <summary>The current space's date: days (a subscription's end, say) are the space's, not the server's.</summary>
public sealed class SpaceDate(MembershipDbContext db, ITenantContext tenants, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<DateOnly> TodayAsync(CancellationToken ct = default)
    {
        // A request knows its space; a consumer or a job only its id, and reads the rest from this service's own record.
        var tenant = tenants.Tenant
            ?? (await db.Set<ProvisionedSpace>().AsNoTracking().FirstAsync(s => s.Id == tenants.TenantId, ct)).ToTenant();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tenant.TimeZone);
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(UtcNow, zone));
    }
}
