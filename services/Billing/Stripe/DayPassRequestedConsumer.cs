using global::Stripe;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Charges;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Stripe;

/// <summary>
/// A guest asked for a day pass online: billing opens a Stripe Checkout page for its price incl. VAT and answers
/// <c>DayPassCheckoutOpened</c> with its address. A space without Stripe keys answers with none: the pass is paid at the
/// desk. Stripe refusing (a revoked key, an outage past the retries) gets the same answer rather than leaving the guest
/// waiting. The sale itself is invoiced when the payment arrives (the webhook).
/// </summary>
public sealed class DayPassRequestedConsumer(
    BillingDbContext db, StripeGateway stripe, Outbox<BillingDbContext> outbox, BillingCalendar calendar, TimeProvider clock, ILogger<DayPassRequestedConsumer> logger)
    : IdempotentConsumer<DayPassRequested, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<DayPassRequested> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var ct = context.CancellationToken;
        var existing = await Db.Set<StripeCheckout>().AsNoTracking()
            .FirstOrDefaultAsync(c => c.Subject == PaymentSubjects.DayPass && c.SubjectId == m.DayPassId, ct);
        if (existing is not null)
        {
            outbox.Publish(new DayPassCheckoutOpened(m.DayPassId, existing.Url, new DateTimeOffset(existing.ExpiresAt, TimeSpan.Zero)));
            return;
        }

        var client = await stripe.ClientAsync(ct);
        var settings = await Db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BillingSettings();
        var franchise = settings.VatRegime == VatRegime.Franchise293B;
        var vatRate = franchise ? 0m : m.VatRate;
        var gross = m.Price.Amount + Money.Round(m.Price.Amount * vatRate / 100m);
        if (client is null || gross <= 0m)
        {
            outbox.Publish(new DayPassCheckoutOpened(m.DayPassId, null, null));
            return;
        }

        var french = settings.Language != "en";
        // Stripe keeps a page open 30 minutes at least: the hold is extended to match (booking does it on the answer).
        var expires = new[] { m.HoldExpiresAt.UtcDateTime, calendar.UtcNow.AddMinutes(31) }.Max();
        try
        {
            var checkout = await stripe.OpenAsync(client, new CheckoutRequest(
                PaymentSubjects.DayPass, m.DayPassId, gross, m.Price.Currency, ChargeBook.DayPassText(french, m.Date),
                string.IsNullOrWhiteSpace(m.Guest.Email) ? null : m.Guest.Email, m.ReturnUrl ?? "https://invalid.example/", expires), ct);
            checkout.SaleDate = m.Date;
            checkout.SaleNet = m.Price.Amount;
            checkout.SaleVatRate = vatRate;
            checkout.MemberId = m.MemberId;
            checkout.GuestName = m.MemberId is null ? m.Guest.Name : null;
            checkout.GuestEmail = m.MemberId is null ? m.Guest.Email : null;
            outbox.Publish(new DayPassCheckoutOpened(m.DayPassId, checkout.Url, new DateTimeOffset(checkout.ExpiresAt, TimeSpan.Zero)));
        }
        catch (StripeException e) when (e.HttpStatusCode is not (System.Net.HttpStatusCode.TooManyRequests or >= System.Net.HttpStatusCode.InternalServerError))
        {
            Logger.LogWarning(e, "Stripe refused a payment page for day pass {DayPassId}: paid at the desk instead", m.DayPassId);
            outbox.Publish(new DayPassCheckoutOpened(m.DayPassId, null, null));
        }
    }
}

public sealed class DayPassRequestedConsumerDefinition : ServiceConsumerDefinition<DayPassRequestedConsumer>;
