using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;

namespace Operators.Billing.Tests;

[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class BillingServiceTests(string provider) : ServiceContractTests("Billing", provider);

public sealed class BillingProvisioningTests() : ProvisioningStepContractTests<BillingDbContext, ProvisionSpaceConsumer>("billing")
{
    protected override void AddContext(IServiceCollection services, SqliteConnection connection) =>
        services.AddDbContext<BillingDbContext, SqliteBillingDbContext>(o => o.UseSqlite(connection));
}
