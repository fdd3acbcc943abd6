using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Membership.Persistence;
using Operators.Membership.Spaces;

namespace Operators.Membership.Tests;

[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class MembershipServiceTests(string provider) : ServiceContractTests("Membership", provider);

public sealed class MembershipProvisioningTests() : ProvisioningStepContractTests<MembershipDbContext, ProvisionSpaceConsumer>("membership")
{
    protected override void AddContext(IServiceCollection services, SqliteConnection connection) =>
        services.AddDbContext<MembershipDbContext, SqliteMembershipDbContext>(o => o.UseSqlite(connection));
}
