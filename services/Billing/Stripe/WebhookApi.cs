using global::Stripe;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Charges;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Messaging;
using Operators.ServiceDefaults.Http;

namespace Operators.Billing.Stripe;

public sealed record WebhookAnswer(string Received, string Outcome);

/// <summary>
/// <c>POST /stripe/webhook</c>: Stripe's calls for this space (give Stripe <c>{space address}/api/billing/stripe/webhook</c>).
/// The <c>Stripe-Signature</c> header must be Stripe's HMAC-SHA256 of <c>{timestamp}.{payload}</c> with the space's webhook
/// secret, at most 300 s old (400 otherwise: forged, stale or replayed later). Each event is handled once: its id is
/// written in the transaction of its effects, so a duplicate answers 200 and does nothing. A checkout's payment is
/// recorded once and never undone by a failure reported after it (Stripe does not promise order).
/// </summary>
public static class WebhookApi
{
    public const long ToleranceSeconds = 300;
    private const int MaxBody = 256 * 1024;

    public static RouteGroupBuilder MapStripeWebhook(this RouteGroupBuilder api)
    {
        api.MapPost("/stripe/webhook", ReceiveAsync).ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<Results<Ok<WebhookAnswer>, ProblemHttpResult>> ReceiveAsync(
        HttpRequest http, BillingDbContext db, StripeKeys keys, Outbox<BillingDbContext> outbox, BillingCalendar calendar, ChargeBook charges, DeskSales sales,
        StripeRefunds refunds, ILoggerFactory logs, CancellationToken ct)
    {
        var logger = logs.CreateLogger(typeof(WebhookApi));
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings is null || keys.WebhookSecret(settings) is not { } secret)
        {
            return ProblemResults.NotFound("This space takes no online payment.");
        }

        if (http.ContentLength > MaxBody)
        {
            return Refused("The payload is too large for a Stripe event.");
        }

        using var reader = new StreamReader(http.Body);
        var json = await reader.ReadToEndAsync(ct);
        Event stripeEvent;
        try
        {
            stripeEvent = EventUtility.ConstructEvent(json, http.Headers["Stripe-Signature"].ToString(), secret, ToleranceSeconds, throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            logger.LogWarning("Stripe webhook refused: {Reason}", e.Message);
            return Refused($"The Stripe-Signature header does not prove this payload comes from Stripe now: {e.Message}");
        }

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Set<StripeEventRecord>().AnyAsync(e => e.Id == stripeEvent.Id, ct))
        {
            return TypedResults.Ok(new WebhookAnswer(stripeEvent.Id, "duplicate"));
        }

        db.Add(new StripeEventRecord { Id = stripeEvent.Id, Type = stripeEvent.Type, ReceivedAt = calendar.UtcNow });
        var outcome = stripeEvent.Data.Object switch
        {
            global::Stripe.Checkout.Session session when stripeEvent.Type is EventTypes.CheckoutSessionCompleted or EventTypes.CheckoutSessionAsyncPaymentSucceeded =>
                session.PaymentStatus == "paid"
                    ? await PaidAsync(new Paid(db, outbox, calendar, charges, sales, refunds, logger), session.Id, session.PaymentIntentId, session.AmountTotal, ct)
                    : "awaiting-payment",
            global::Stripe.Checkout.Session session when stripeEvent.Type is EventTypes.CheckoutSessionAsyncPaymentFailed or EventTypes.CheckoutSessionExpired =>
                await FailedAsync(db, outbox, calendar, session.Id, stripeEvent.Type, ct),
            // A declined card on a Checkout page is not the end: the page stays open for another card. Only the page's
            // expiry (or an asynchronous payment's failure) ends it; this event changes nothing, before or after a success.
            PaymentIntent when stripeEvent.Type == EventTypes.PaymentIntentPaymentFailed => "attempt-failed",
            _ => "ignored",
        };
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException)
        {
            await tx.RollbackAsync(CancellationToken.None);
            if (!await SeenAsync(db, stripeEvent.Id))
            {
                throw;
            }

            // The same event delivered twice at once: the other delivery recorded it.
            return TypedResults.Ok(new WebhookAnswer(stripeEvent.Id, "duplicate"));
        }

        refunds.Dispatch();
        logger.LogInformation("Stripe event {EventId} ({Type}): {Outcome}", stripeEvent.Id, stripeEvent.Type, outcome);
        return TypedResults.Ok(new WebhookAnswer(stripeEvent.Id, outcome));
    }

    private static async Task<bool> SeenAsync(BillingDbContext db, string id)
    {
        db.ChangeTracker.Clear();
        return await db.Set<StripeEventRecord>().AsNoTracking().AnyAsync(e => e.Id == id);
    }

    private static ProblemHttpResult Refused(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a valid Stripe event", detail: detail);

    /// <summary>What recording a paid checkout needs.</summary>
    private sealed record Paid(
        BillingDbContext Db, Outbox<BillingDbContext> Outbox, BillingCalendar Calendar, ChargeBook Charges, DeskSales Sales, StripeRefunds Refunds, ILogger Logger);

    /// <summary>
    /// A checkout was paid, recorded once and announced: an invoice's payment; or a day pass's sale, invoiced and paid at
    /// once (as a desk sale, by card) and announced to booking, which confirms the seat, or refuses a late payment.
    /// </summary>
    private static async Task<string> PaidAsync(Paid p, string sessionId, string? paymentIntent, long? amountTotal, CancellationToken ct)
    {
        var (db, outbox, calendar, _, _, refunds, _) = p;
        var checkout = await db.Set<StripeCheckout>().FirstOrDefaultAsync(c => c.Id == sessionId, ct);
        if (checkout is null)
        {
            return "unknown-session";
        }

        if (checkout.Status == CheckoutStatus.Paid)
        {
            return "already-paid";
        }

        checkout.Status = CheckoutStatus.Paid;
        checkout.PaymentIntent = paymentIntent;
        checkout.CompletedAt = calendar.UtcNow;
        var amount = amountTotal is { } cents ? cents / 100m : checkout.Amount;
        if (checkout.Subject == PaymentSubjects.DayPass)
        {
            return await DayPassPaidAsync(p, checkout, amount, ct);
        }

        var invoice = await db.Invoices.FirstAsync(i => i.Id == checkout.SubjectId, ct);
        // Money that arrived is recorded whole: if the invoice was credited meanwhile, what is due turns negative (owed back).
        PaymentLedger.Record(db, outbox, invoice, amount, Payments.PaymentMethod.Card, await calendar.TodayAsync(ct), paymentIntent ?? sessionId, calendar.UtcNow);
        if (invoice.AmountDue < 0m)
        {
            // Paid twice (two pages), or after a credit note: what was paid too much goes back to the card.
            await db.SaveChangesAsync(ct);
            await refunds.PlanAsync(invoice, $"{invoice.Number} paid {amount} {invoice.Currency} more than was due", ct);
            return "paid-too-much";
        }

        return "paid";
    }

    private static async Task<string> DayPassPaidAsync(Paid p, StripeCheckout checkout, decimal amount, CancellationToken ct)
    {
        var today = await p.Calendar.TodayAsync(ct);
        var charge = await p.Charges.AddDayPassAsync(
            checkout.SubjectId, checkout.SaleDate ?? today, checkout.MemberId, checkout.GuestName ?? "—", checkout.GuestEmail,
            checkout.SaleNet, checkout.SaleVatRate, "card", ct, checkout.PaymentIntent ?? checkout.Id, today);
        if (charge is null && await p.Db.Charges.AnyAsync(c => c.Source == ChargeSource.DayPass && c.SourceId == checkout.SubjectId, ct))
        {
            // The pass was already sold (paid at the desk meanwhile): this card payment goes back, and booking is not told.
            p.Refunds.PlanUninvoiced(checkout.PaymentIntent ?? checkout.Id, amount, checkout.Currency, "Day pass already paid at the desk");
            return "already-sold";
        }

        await p.Db.SaveChangesAsync(ct);
        if (charge is not null && await p.Sales.SettleAsync(charge.Id, ct) is { } refusal)
        {
            p.Logger.LogWarning("Day pass {DayPassId} paid online, not invoiced yet: {Refusal}", checkout.SubjectId, refusal);
        }

        p.Outbox.Publish(new PaymentReceived(
            Guid.CreateVersion7(), PaymentSubjects.DayPass, checkout.SubjectId, new Money(amount, checkout.Currency), new DateTimeOffset(p.Calendar.UtcNow, TimeSpan.Zero)));
        return "paid";
    }

    /// <summary>A checkout failed or expired: announced once, unless it was paid (a late failure then changes nothing).</summary>
    private static async Task<string> FailedAsync(
        BillingDbContext db, Outbox<BillingDbContext> outbox, BillingCalendar calendar, string sessionId, string reason, CancellationToken ct)
    {
        var checkout = await db.Set<StripeCheckout>().FirstOrDefaultAsync(c => c.Id == sessionId, ct);
        if (checkout is null)
        {
            return "unknown-session";
        }

        if (checkout.Status != CheckoutStatus.Open)
        {
            return checkout.Status == CheckoutStatus.Paid ? "already-paid" : "already-failed";
        }

        checkout.Status = CheckoutStatus.Failed;
        checkout.CompletedAt = calendar.UtcNow;
        outbox.Publish(new PaymentFailed(Guid.CreateVersion7(), checkout.Subject, checkout.SubjectId, reason));
        return "failed";
    }
}
