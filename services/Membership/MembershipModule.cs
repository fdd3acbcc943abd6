using FluentValidation;
using Operators.Membership.Companies;
using Operators.Membership.Directory;
using Operators.Membership.Members;
using Operators.Membership.Persistence;
using Operators.Membership.Privacy;
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

        // Members, companies, directory, privacy.
        builder.Services.AddScoped<SpaceDate>();
        builder.Services.AddScoped<MemberErasure>();
        builder.Services.AddValidatorsFromAssemblyContaining<MemberRequestValidator>();
        return builder;
    }

    public static WebApplication MapMembership(this WebApplication app)
    {
        var api = app.MapSpaceServiceApi<MembershipDbContext>(Name);

        // Members, companies, directory, privacy.
        api.MapMembers().MapCompanies().MapDirectory().MapPrivacy();
        return app;
    }
}
