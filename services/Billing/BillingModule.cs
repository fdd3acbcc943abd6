using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Billing;

/// <summary>Wires the billing service; its own host and the standalone host both call these two methods.</summary>
public static class BillingModule
{
    public const string Name = "Billing";

    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<BillingDbContext, SqliteBillingDbContext, PostgresBillingDbContext, ProvisionSpaceConsumer>(Name);
        builder.Services.AddSingleton<Documents.IInvoiceDocumentRenderer, Documents.FacturXRenderer>();
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        app.MapSpaceServiceApi<BillingDbContext>(Name);
        return app;
    }
}
