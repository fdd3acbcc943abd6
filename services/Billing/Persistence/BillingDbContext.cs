using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Charges;
using Operators.Billing.Customers;
using Operators.Billing.Dunning;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Runs;
using Operators.Billing.Settings;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Persistence;

/// <summary>The billing service's database. Tenant-owned rows are filtered and guarded by <see cref="TenantDbContext"/>.</summary>
public class BillingDbContext(DbContextOptions options, ITenantContext tenants) : TenantDbContext(options, tenants), IDataProtectionKeyContext
{
    /// <summary>Data Protection's key ring (it encrypts the spaces' Stripe secrets), shared by every replica.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<BillingSettings> Settings => Set<BillingSettings>();

    public DbSet<Customer> Customers => Set<Customer>();

    public DbSet<Invoice> Invoices => Set<Invoice>();

    public DbSet<InvoiceLine> InvoiceLines => Set<InvoiceLine>();

    public DbSet<InvoiceFile> InvoiceFiles => Set<InvoiceFile>();

    public DbSet<Payment> Payments => Set<Payment>();

    public DbSet<NumberSeries> NumberSeries => Set<NumberSeries>();

    public DbSet<IssueChain> IssueChains => Set<IssueChain>();

    public DbSet<Charge> Charges => Set<Charge>();

    public DbSet<InvoiceRun> Runs => Set<InvoiceRun>();

    public DbSet<DunningNotice> DunningNotices => Set<DunningNotice>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BillingDbContext).Assembly);
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddProvisionedSpaces();
    }
}

/// <summary>The SQLite flavour (standalone); it owns the SQLite migrations.</summary>
public sealed class SqliteBillingDbContext(DbContextOptions<SqliteBillingDbContext> options, ITenantContext tenants) : BillingDbContext(options, tenants);

/// <summary>The PostgreSQL flavour (distributed); it owns the PostgreSQL migrations.</summary>
public sealed class PostgresBillingDbContext(DbContextOptions<PostgresBillingDbContext> options, ITenantContext tenants) : BillingDbContext(options, tenants);

internal sealed class SqliteBillingDesignTimeFactory : SqliteDesignTimeFactory<SqliteBillingDbContext>;

internal sealed class PostgresBillingDesignTimeFactory : PostgresDesignTimeFactory<PostgresBillingDbContext>;
