using Operators.Billing.Persistence;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Billing.Spaces;

/// <summary>The current space's time zone, currency and today: an invoice's issue date is the space's date.</summary>
public sealed class BillingCalendar(BillingDbContext db, ITenantContext tenants, TimeProvider clock)
    : SpaceClock<BillingDbContext>(db, tenants, clock);
