using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Spaces;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Membership;

/// <summary>Wires the membership service; its own host and the standalone host both call these two methods.</summary>
public static class MembershipModule
{
    public const string Name = "Membership";

    public static WebApplicationBuilder AddMembership(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<MembershipDbContext, SqliteMembershipDbContext, PostgresMembershipDbContext, ProvisionSpaceConsumer>(Name);
        builder.AddConsumer<PersonJoinedSpaceConsumer, PersonJoinedSpaceConsumerDefinition>();
        builder.AddConsumer<PersonRolesChangedConsumer, PersonRolesChangedConsumerDefinition>();
        return builder;
    }

    public static WebApplication MapMembership(this WebApplication app)
    {
        app.MapSpaceServiceApi<MembershipDbContext>(Name);
        return app;
    }
}
