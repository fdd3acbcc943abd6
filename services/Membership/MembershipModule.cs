using Operators.Membership.Persistence;
using Operators.Membership.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy.Resolution;

namespace Operators.Membership;

/// <summary>Wires the membership service; its own host and the standalone host both call these two methods.</summary>
public static class MembershipModule
{
    public const string Audience = "membership";

    public static WebApplicationBuilder AddMembership(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<MembershipDbContext, SqliteMembershipDbContext, PostgresMembershipDbContext>("Membership");
        builder.Services.AddOutbox<MembershipDbContext>(builder.Configuration);
        builder.AddProvisionedSpaceStore<MembershipDbContext>();
        builder.AddInternalAuthentication(Audience);
        builder.AddConsumers(bus => bus.AddConsumer<ProvisionSpaceConsumer>());
        return builder;
    }

    public static WebApplication MapMembership(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/membership")
            .RequireInternalToken(Audience)
            .RequireTenant()
            .WithTags("Membership");
        api.MapProvisionedSpace<MembershipDbContext>();
        return app;
    }
}
