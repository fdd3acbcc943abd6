using FluentValidation;
using Hangfire;
using Operators.Membership.Companies;
using Operators.Membership.Directory;
using Operators.Membership.Jobs;
using Operators.Membership.Members;
using Operators.Membership.Plans;
using Operators.Membership.Settings;
using Operators.Membership.Subscriptions;
using Operators.Membership.Persistence;
using Operators.Membership.Privacy;
using Operators.Membership.Spaces;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Jobs;
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

        builder.Services.AddValidatorsFromAssemblyContaining<PlanValidator>();

        // Members, companies, directory, privacy.
        builder.Services.AddScoped<MemberErasure>();

        // Plans, subscriptions and renewals.
        builder.AddServiceJobs(Name);
        builder.Services.AddScoped<MembershipCalendar>();
        builder.Services.AddScoped<SubscriptionRecorder>();
        builder.Services.AddScoped<RenewalJob>();
        builder.AddConsumer<InvoiceOverdueConsumer, InvoiceOverdueConsumerDefinition>();
        return builder;
    }

    public static WebApplication MapMembership(this WebApplication app)
    {
        var api = app.MapSpaceServiceApi<MembershipDbContext>(Name);

        api.MapMembers().MapCompanies().MapDirectory().MapPrivacy();
        api.MapPlans().MapSubscriptions().MapMembershipSettings();
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<RenewalJob>(RenewalJob.JobId, j => j.RenewAllAsync(), app.Configuration["Membership:RenewalCron"] ?? Cron.Hourly());
        return app;
    }
}
