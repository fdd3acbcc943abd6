using FluentValidation;
using Hangfire;
using Operators.Billing.Charges;
using Operators.Billing.Customers;
using Operators.Billing.Dunning;
using Operators.Billing.Exports;
using Operators.Billing.Documents;
using Operators.Billing.Integrity;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Privacy;
using Operators.Billing.Reports;
using Operators.Billing.Runs;
using Operators.Billing.Stripe;
using Microsoft.AspNetCore.DataProtection;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.ServiceDefaults.Bus;
using Operators.ServiceDefaults.Email;
using Operators.ServiceDefaults.Jobs;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Billing;

/// <summary>Wires the billing service; its own host and the standalone host both call these two methods.</summary>
public static class BillingModule
{
    public const string Name = "Billing";

    public static WebApplicationBuilder AddBilling(this WebApplicationBuilder builder)
    {
        builder.AddSpaceService<BillingDbContext, SqliteBillingDbContext, PostgresBillingDbContext, ProvisionSpaceConsumer>(Name);
        builder.Services.AddValidatorsFromAssemblyContaining<InvoiceRequestValidator>();
        builder.Services.AddScoped<BillingCalendar>();

        // Settings, customers, privacy.
        builder.Services.AddScoped<CustomerUpdates>();
        builder.Services.AddScoped<CustomerErasure>();
        builder.AddConsumer<MemberBillingDetailsChangedConsumer, MemberBillingDetailsChangedConsumerDefinition>();
        builder.AddConsumer<CompanyChangedConsumer, CompanyChangedConsumerDefinition>();
        builder.AddConsumer<MemberErasedConsumer, MemberErasedConsumerDefinition>();

        // Invoices, credit notes, payments, integrity.
        builder.Services.AddScoped<InvoiceIssuer>();
        builder.Services.AddSingleton<IInvoiceDocumentRenderer, FacturXRenderer>();

        // Stripe: each space's keys, encrypted with Data Protection (keys in the billing database unless a folder is given).
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName("operators");
        if (builder.Configuration["DataProtection:KeysPath"] is { } keysPath)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(keysPath));
        }
        else
        {
            dataProtection.PersistKeysToDbContext<BillingDbContext>();
        }

        builder.Services.AddHttpClient(StripeGateway.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton<StripeKeys>();
        builder.Services.AddScoped<StripeGateway>();
        builder.Services.AddScoped<StripeRefunds>();
        builder.AddConsumer<DayPassRequestedConsumer, DayPassRequestedConsumerDefinition>();
        builder.AddConsumer<DayPassPaymentRefusedConsumer, DayPassPaymentRefusedConsumerDefinition>();

        // Dunning: reminders through the platform's mail path, InvoiceOverdue for membership.
        builder.AddServiceMail();
        builder.Services.AddScoped<DunningJob>();

        // Charges from bookings, day passes and memberships; invoice runs (one Hangfire job per run).
        builder.AddServiceJobs(Name);
        builder.Services.AddScoped<ChargeBook>();
        builder.Services.AddScoped<ChargeInvoicer>();
        builder.Services.AddScoped<DeskSales>();
        builder.Services.AddScoped<InvoiceRuns>();
        builder.AddConsumer<BookingConfirmedChargeConsumer, BookingConfirmedChargeConsumerDefinition>();
        builder.AddConsumer<BookingCancelledChargeConsumer, BookingCancelledChargeConsumerDefinition>();
        builder.AddConsumer<DayPassSoldConsumer, DayPassSoldConsumerDefinition>();
        builder.AddConsumer<MembershipActivatedChargesConsumer, MembershipActivatedChargesConsumerDefinition>();
        builder.AddConsumer<MembershipRenewedChargesConsumer, MembershipRenewedChargesConsumerDefinition>();
        builder.AddConsumer<MembershipChangedChargesConsumer, MembershipChangedChargesConsumerDefinition>();
        builder.AddConsumer<MembershipPausedChargesConsumer, MembershipPausedChargesConsumerDefinition>();
        builder.AddConsumer<MembershipResumedChargesConsumer, MembershipResumedChargesConsumerDefinition>();
        builder.AddConsumer<MembershipCancellingChargesConsumer, MembershipCancellingChargesConsumerDefinition>();
        builder.AddConsumer<MembershipEndedChargesConsumer, MembershipEndedChargesConsumerDefinition>();
        return builder;
    }

    public static WebApplication MapBilling(this WebApplication app)
    {
        var api = app.MapSpaceServiceApi<BillingDbContext>(Name);
        api.MapBillingSettings().MapCustomers().MapBillingPrivacy();
        api.MapInvoices().MapPayments().MapIntegrity().MapCharges().MapRuns().MapCheckout().MapStripeWebhook().MapReports().MapExports();
        // The monthly runs, on each space's invoice day in its own time zone (the job looks at every space's calendar).
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<InvoiceRuns>(InvoiceRuns.ScheduleJobId, r => r.ScheduleDueAsync(CancellationToken.None), app.Configuration["Billing:RunScheduleCron"] ?? "*/15 * * * *");
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<DunningJob>(DunningJob.JobId, j => j.RunAsync(CancellationToken.None), app.Configuration["Billing:DunningCron"] ?? "5 * * * *");
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<StripeRefunds>("billing-stripe-refunds", r => r.SweepAsync(CancellationToken.None), app.Configuration["Billing:RefundSweepCron"] ?? "*/10 * * * *");
        return app;
    }
}
