using global::Stripe;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Billing.Stripe;

/// <summary>Plans refunds of Stripe payments and sends them (a Hangfire job per refund, swept again by the schedule if lost).</summary>
public sealed class StripeRefunds(
    BillingDbContext db, StripeGateway stripe, BillingCalendar calendar, ITenantContext tenants, IBackgroundJobClient jobs, Outbox<BillingDbContext> outbox,
    ILogger<StripeRefunds> logger)
{
    private readonly List<Guid> planned = [];

    /// <summary>A job's claim on a refund lapses after this: the job died, another may send it (Stripe's idempotency key keeps it single).</summary>
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    /// <summary>What Stripe is refunding to the card for an invoice: planned or sent, not yet recorded.</summary>
    public static Task<decimal> UnderwayAsync(BillingDbContext db, Guid invoiceId, CancellationToken ct) =>
        db.Set<StripeRefund>().Where(r => r.InvoiceId == invoiceId && (r.Status == RefundStatus.Pending || r.Status == RefundStatus.Sending)).SumAsync(r => r.Amount, ct);

    /// <summary>
    /// What <paramref name="invoice"/> owes back (its amount due below zero, after a credit note), refunded from its Stripe
    /// payments as far as they go, less what is already being refunded. The caller saves, then calls <see cref="Dispatch"/>.
    /// </summary>
    public async Task PlanAsync(Invoices.Invoice invoice, string reason, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        // Refunds planned but not yet made still count in the amount due (the paid amount drops when Stripe agrees).
        var underway = await UnderwayAsync(db, invoice.Id, ct)
            + db.ChangeTracker.Entries<StripeRefund>().Where(e => e.State == EntityState.Added && e.Entity.InvoiceId == invoice.Id).Sum(e => e.Entity.Amount);
        var owed = -invoice.AmountDue - underway;
        if (owed <= 0m)
        {
            return;
        }

        var intents = await db.Set<StripeCheckout>().AsNoTracking().Where(c => c.Status == CheckoutStatus.Paid && c.PaymentIntent != null)
            .Select(c => c.PaymentIntent!).ToListAsync(ct);
        var card = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == invoice.Id && p.Amount > 0m && p.Reference != null && intents.Contains(p.Reference))
            .OrderBy(p => p.RecordedAt).ToListAsync(ct);
        foreach (var payment in card)
        {
            var refunded = await db.Set<StripeRefund>().Where(r => r.PaymentIntent == payment.Reference && r.Status != RefundStatus.Failed).SumAsync(r => r.Amount, ct);
            var amount = Math.Min(owed, payment.Amount - refunded);
            if (amount > 0m)
            {
                Plan(invoice.Id, payment.Reference!, amount, invoice.Currency, reason);
                owed -= amount;
            }
        }
    }

    /// <summary>Refunds a payment that could not be invoiced (a day pass paid too late, its sale never invoiced).</summary>
    public void PlanUninvoiced(string paymentIntent, decimal amount, string currency, string reason) => Plan(null, paymentIntent, amount, currency, reason);

    private void Plan(Guid? invoiceId, string paymentIntent, decimal amount, string currency, string reason)
    {
        var refund = new StripeRefund
        {
            Id = Guid.CreateVersion7(),
            InvoiceId = invoiceId,
            PaymentIntent = paymentIntent,
            Amount = amount,
            Currency = currency,
            Reason = reason.Length > 500 ? reason[..500] : reason,
            Status = RefundStatus.Pending,
            CreatedAt = calendar.UtcNow,
        };
        db.Add(refund);
        planned.Add(refund.Id);
    }

    /// <summary>Queues the planned refunds' jobs (a few seconds later: after the caller's commit).</summary>
    public void Dispatch()
    {
        var tenant = tenants.TenantId ?? throw new InvalidOperationException("A refund needs a space.");
        foreach (var id in planned)
        {
            jobs.Schedule<StripeRefunds>(r => r.SendAsync(tenant, id, CancellationToken.None), TimeSpan.FromSeconds(3));
        }

        planned.Clear();
    }

    /// <summary>The job: asks Stripe for the refund (idempotent by the row's id), then records it as a negative payment.</summary>
    [AutomaticRetry(Attempts = 8)]
    public async Task SendAsync(Guid tenantId, Guid refundId, CancellationToken ct)
    {
        using (tenants.Change(tenantId))
        {
            // The claim: one job at a time per refund, whatever the sweep or Hangfire's retries enqueue.
            // To the millisecond: the claim is compared with what the database kept (PostgreSQL keeps microseconds).
            var ticks = calendar.UtcNow.Ticks;
            var now = new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
            var stale = now - ClaimTimeout;
            var claimed = await db.Set<StripeRefund>()
                .Where(r => r.Id == refundId && (r.Status == RefundStatus.Pending || (r.Status == RefundStatus.Sending && r.ClaimedAt < stale)))
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Sending).SetProperty(r => r.ClaimedAt, now), ct);
            if (claimed == 0)
            {
                return;
            }

            var refund = await db.Set<StripeRefund>().FirstAsync(r => r.Id == refundId, ct);

            var client = await stripe.ClientAsync(ct);
            if (client is null)
            {
                Fail(refund, "The space's Stripe keys were removed: pay the money back by transfer.");
                await db.SaveChangesAsync(ct);
                return;
            }

            Refund made;
            try
            {
                made = await new RefundService(client).CreateAsync(
                    new RefundCreateOptions
                    {
                        PaymentIntent = refund.PaymentIntent,
                        Amount = (long)Math.Round(refund.Amount * 100m, MidpointRounding.AwayFromZero),
                        Metadata = new Dictionary<string, string> { ["refund"] = refund.Id.ToString(), ["space"] = tenantId.ToString() },
                    },
                    new RequestOptions { IdempotencyKey = $"refund-{refund.Id}" },
                    ct);
            }
            catch (StripeException e) when (e.HttpStatusCode is not (System.Net.HttpStatusCode.TooManyRequests or >= System.Net.HttpStatusCode.InternalServerError))
            {
                Fail(refund, e.StripeError?.Message ?? e.Message);
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (Exception)
            {
                // Stripe busy or unreachable: given back for Hangfire's retry (the idempotency key makes the retry safe).
                await db.Set<StripeRefund>().Where(r => r.Id == refundId && r.Status == RefundStatus.Sending)
                    .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Pending), CancellationToken.None);
                throw;
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            // Recorded once: only the claim that is still ours turns it into a success (and its negative payment).
            var mine = await db.Set<StripeRefund>().Where(r => r.Id == refundId && r.Status == RefundStatus.Sending && r.ClaimedAt == now)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, RefundStatus.Succeeded), ct);
            if (mine == 0)
            {
                return;
            }

            db.Entry(refund).State = EntityState.Detached;
            refund = await db.Set<StripeRefund>().FirstAsync(r => r.Id == refundId, ct);
            refund.Status = RefundStatus.Succeeded;
            refund.StripeRefundId = made.Id;
            refund.CompletedAt = calendar.UtcNow;
            if (refund.InvoiceId is { } invoiceId)
            {
                var invoice = await db.Invoices.FirstAsync(i => i.Id == invoiceId, ct);
                PaymentLedger.Record(db, outbox, invoice, -refund.Amount, Payments.PaymentMethod.Card, await calendar.TodayAsync(ct), made.Id, calendar.UtcNow);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            logger.LogInformation("Refund {RefundId}: {Amount} {Currency} refunded by Stripe ({StripeRefundId})", refund.Id, refund.Amount, refund.Currency, made.Id);
        }
    }

    private void Fail(StripeRefund refund, string error)
    {
        refund.Status = RefundStatus.Failed;
        refund.LastError = error.Length > 1000 ? error[..1000] : error;
        refund.CompletedAt = calendar.UtcNow;
        logger.LogWarning("Refund {RefundId} of {Amount} {Currency} failed: {Error}", refund.Id, refund.Amount, refund.Currency, error);
    }

    /// <summary>Recurring (with the runs' schedule): pending refunds whose job was lost are sent again.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        var spaces = await db.Set<ProvisionedSpace>().AsNoTracking().Select(s => s.Id).ToListAsync(ct);
        foreach (var space in spaces)
        {
            using (tenants.Change(space))
            {
                var stale = calendar.UtcNow.AddMinutes(-5);
                var lapsed = calendar.UtcNow - ClaimTimeout;
                foreach (var id in await db.Set<StripeRefund>().AsNoTracking()
                    .Where(r => (r.Status == RefundStatus.Pending && r.CreatedAt < stale) || (r.Status == RefundStatus.Sending && r.ClaimedAt < lapsed))
                    .Select(r => r.Id).ToListAsync(ct))
                {
                    jobs.Enqueue<StripeRefunds>(r => r.SendAsync(space, id, CancellationToken.None));
                }
            }
        }
    }
}
