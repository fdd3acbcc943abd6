using Microsoft.EntityFrameworkCore;
using Operators.Membership.Companies;
using Operators.Membership.Members;
using Operators.Membership.Plans;
using Operators.Membership.Settings;
using Operators.Membership.Subscriptions;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Tenancy.EntityFramework;

namespace Operators.Membership.Persistence;

/// <summary>The membership service's database. Tenant-owned rows are filtered and guarded by <see cref="TenantDbContext"/>.</summary>
public class MembershipDbContext(DbContextOptions options, ITenantContext tenants) : TenantDbContext(options, tenants)
{
    public DbSet<Plan> Plans => Set<Plan>();

    public DbSet<Member> Members => Set<Member>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Subscription> Subscriptions => Set<Subscription>();

    public DbSet<SubscriptionCharge> SubscriptionCharges => Set<SubscriptionCharge>();

    public DbSet<MembershipSettings> Settings => Set<MembershipSettings>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MembershipDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddProvisionedSpaces();
    }
}

/// <summary>The SQLite flavour (standalone); it owns the SQLite migrations.</summary>
public sealed class SqliteMembershipDbContext(DbContextOptions<SqliteMembershipDbContext> options, ITenantContext tenants) : MembershipDbContext(options, tenants);

/// <summary>The PostgreSQL flavour (distributed); it owns the PostgreSQL migrations.</summary>
public sealed class PostgresMembershipDbContext(DbContextOptions<PostgresMembershipDbContext> options, ITenantContext tenants) : MembershipDbContext(options, tenants);

internal sealed class SqliteMembershipDesignTimeFactory : SqliteDesignTimeFactory<SqliteMembershipDbContext>;

internal sealed class PostgresMembershipDesignTimeFactory : PostgresDesignTimeFactory<PostgresMembershipDbContext>;
