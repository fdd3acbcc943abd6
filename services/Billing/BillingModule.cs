using FluentValidation;
using Operators.Billing.Customers;
using Operators.Billing.Persistence;
using Operators.Billing.Privacy;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Billing;

/// <summary>Wires the billing service; its own host and the standalone host both call these two methods.</summary>
public static class BillingModule
{
    public const string Name = "Billing";

    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<BillingDbContext, SqliteBillingDbContext, PostgresBillingDbContext, ProvisionSpaceConsumer>(Name);

        // Settings, customers, privacy.
        builder.Services.AddValidatorsFromAssemblyContaining<BillingSettingsValidator>();
        builder.Services.AddScoped<CustomerUpdates>();
        builder.Services.AddScoped<CustomerErasure>();
        builder.AddConsumer<MemberBillingDetailsChangedConsumer, MemberBillingDetailsChangedConsumerDefinition>();
        builder.AddConsumer<CompanyChangedConsumer, CompanyChangedConsumerDefinition>();
        builder.AddConsumer<MemberErasedConsumer, MemberErasedConsumerDefinition>();
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        var api = app.MapSpaceServiceApi<BillingDbContext>(Name);

        // Settings, customers, privacy.
        api.MapBillingSettings().MapCustomers().MapBillingPrivacy();
        return app;
    }
}
