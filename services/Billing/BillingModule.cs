using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy.Resolution;

namespace Operators.Billing;

/// <summary>Wires the billing service; its own host and the standalone host both call these two methods.</summary>
public static class BillingModule
{
    public const string Audience = "billing";

    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddServiceDatabase<BillingDbContext, SqliteBillingDbContext, PostgresBillingDbContext>("Billing");
        builder.Services.AddOutbox<BillingDbContext>(builder.Configuration);
        builder.AddProvisionedSpaceStore<BillingDbContext>();
        builder.AddInternalAuthentication(Audience);
        builder.AddConsumers(bus => bus.AddConsumer<ProvisionSpaceConsumer>());
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var api = app.MapGroup("/api/billing")
            .RequireInternalToken(Audience)
            .RequireTenant()
            .WithTags("Billing");
        api.MapProvisionedSpace<BillingDbContext>();
        return app;
    }
}
