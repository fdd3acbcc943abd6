using Operators.Membership.Persistence;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Membership.Subscriptions;

/// <summary>The current space's time zone, currency and today: a subscription's days are the space's days.</summary>
public sealed class MembershipCalendar(MembershipDbContext db, ITenantContext tenants, TimeProvider clock)
    : SpaceClock<MembershipDbContext>(db, tenants, clock);
