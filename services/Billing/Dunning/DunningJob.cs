using System.Net;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Documents;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Messaging;
using Operators.ServiceDefaults.Email;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Billing.Dunning;

/// <summary>
/// Recurring (<c>Billing:DunningCron</c>, hourly): in each space, each issued invoice still owing money past its due
/// date gets a reminder at each of the space's dunning steps (days past due, <c>dunningDays</c>, in the space's
/// calendar). A step is recorded once (unique on invoice and step) with its <c>InvoiceOverdue</c> in the same
/// transaction, so a run twice, a replica, or a crash never doubles it; steps missed while the service was down are
/// not all sent at once: only the latest reached. The e-mail goes through the platform's mail path (SMTP, or the pickup
/// folder) after the commit, and the notice is marked sent; one left unsent by a crash goes at the next run.
/// </summary>
public sealed class DunningJob(
    BillingDbContext db, ITenantContext tenants, Outbox<BillingDbContext> outbox, BillingCalendar calendar, Mailer mailer, ILogger<DunningJob> logger)
{
    public const string JobId = "billing-dunning";

    public async Task RunAsync(CancellationToken ct)
    {
        var spaces = await db.Set<ProvisionedSpace>().AsNoTracking().Select(s => s.Id).ToListAsync(ct);
        foreach (var space in spaces)
        {
            using (tenants.Change(space))
            {
                await RemindAsync(ct);
                await SendAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>Records this space's due reminders, one transaction each.</summary>
    public async Task RemindAsync(CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        if (settings is null || settings.DunningDays.Count == 0)
        {
            return;
        }

        var today = await calendar.TodayAsync(ct);
        var overdue = await db.Invoices.AsNoTracking()
            .Where(i => i.Kind == DocumentKind.Invoice && i.Number != null && (i.Status == InvoiceStatus.Issued || i.Status == InvoiceStatus.PartiallyPaid) && i.DueDate < today)
            .OrderBy(i => i.DueDate).ThenBy(i => i.ChainIndex)
            .ToListAsync(ct);
        foreach (var invoice in overdue.Where(i => i.AmountDue > 0m))
        {
            var days = today.DayNumber - invoice.DueDate!.Value.DayNumber;
            var step = settings.DunningDays.Where(d => d <= days).DefaultIfEmpty(0).Max();
            if (step == 0 || await db.Set<DunningNotice>().AnyAsync(n => n.InvoiceId == invoice.Id && n.Step >= step, ct))
            {
                continue;
            }

            var email = await db.Customers.AsNoTracking().Where(c => c.Id == invoice.CustomerId && !c.Erased).Select(c => c.Email).FirstOrDefaultAsync(ct)
                ?? invoice.Buyer?.Email;
            db.Add(new DunningNotice
            {
                Id = Guid.CreateVersion7(), InvoiceId = invoice.Id, Step = step, DaysOverdue = days, AmountDue = invoice.AmountDue, Email = email,
                CreatedAt = calendar.UtcNow,
            });
            outbox.Publish(new InvoiceOverdue(
                invoice.Id, invoice.Number!, invoice.MemberId, invoice.CompanyId, invoice.DueDate.Value, days, new Money(invoice.AmountDue, invoice.Currency)));
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another replica recorded this step first.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>E-mails this space's recorded reminders not sent yet.</summary>
    public async Task SendAsync(CancellationToken ct)
    {
        var pending = await db.Set<DunningNotice>().Where(n => n.SentAt == null && n.Email != null).OrderBy(n => n.CreatedAt).ToListAsync(ct);
        if (pending.Count == 0)
        {
            return;
        }

        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BillingSettings();
        foreach (var notice in pending)
        {
            var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstAsync(i => i.Id == notice.InvoiceId, ct);
            await mailer.SendAsync(Compose(notice, invoice, settings), ct);
            notice.SentAt = calendar.UtcNow;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Reminder for {Number} ({Days} days past due) sent to {Email}", invoice.Number, notice.DaysOverdue, notice.Email);
        }
    }

    /// <summary>The reminder in the invoice's language: what is due since when, how to pay, what lateness costs.</summary>
    public static OutgoingEmail Compose(DunningNotice notice, Invoice invoice, BillingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(invoice);
        ArgumentNullException.ThrowIfNull(settings);
        var french = invoice.Language != "en";
        var seller = invoice.Seller?.Party.Name ?? settings.LegalName ?? "";
        var name = invoice.Buyer?.Name ?? "";
        // The document's own ways of writing money and dates (1 234,56 €, 15/03/2027), so the reminder matches the invoice.
        var mentions = new LegalMentions(InvoiceIssuer.Model(invoice));
        var due = mentions.Money(notice.AmountDue);
        var dueDate = mentions.Date(invoice.DueDate!.Value);
        var issued = mentions.Date(invoice.IssueDate!.Value);
        var transfer = settings.Iban is { } iban
            ? (french ? $"par virement (IBAN {iban}{(settings.Bic is { } bic ? $", BIC {bic}" : "")}, référence {invoice.Number})" : $"by bank transfer (IBAN {iban}{(settings.Bic is { } b ? $", BIC {b}" : "")}, reference {invoice.Number})")
            : (french ? "par virement, chèque ou en espèces à l'accueil" : "by transfer, cheque or cash at the desk");
        var online = settings.StripeReady ? (french ? ", ou en ligne depuis vos factures dans l'intranet de l'espace" : ", or online from your invoices on the space's intranet") : "";
        var penalty = invoice.Buyer?.IsBusiness == true
            ? (french
                ? $"Des pénalités de retard au taux annuel de {invoice.Seller?.LatePenaltyRate ?? settings.LatePenaltyRate:0.##} % sont exigibles, ainsi que l'indemnité forfaitaire de 40 € pour frais de recouvrement (art. L441-10 du code de commerce)."
                : $"Late-payment penalties at a yearly rate of {invoice.Seller?.LatePenaltyRate ?? settings.LatePenaltyRate:0.##}% are due, and the fixed €40 recovery indemnity (French Commercial Code, art. L441-10).")
            : "";
        string[] paragraphs = french
            ?
            [
                $"Bonjour {name},",
                $"Sauf erreur de notre part, la facture {invoice.Number} du {issued}, échue le {dueDate}, n'est pas réglée : {due} restent dus ({notice.DaysOverdue} jours de retard).",
                $"Vous pouvez la régler {transfer}{online}.",
                penalty,
                "Si vous l'avez réglée entre-temps, merci de ne pas tenir compte de ce message.",
                seller,
            ]
            :
            [
                $"Hello {name},",
                $"Unless we are mistaken, invoice {invoice.Number} of {issued}, due on {dueDate}, is unpaid: {due} remain due ({notice.DaysOverdue} days late).",
                $"You can pay it {transfer}{online}.",
                penalty,
                "If you have paid it meanwhile, please disregard this message.",
                seller,
            ];
        var kept = paragraphs.Where(p => p.Length > 0).ToList();
        var subject = french ? $"Rappel : facture {invoice.Number} impayée" : $"Reminder: invoice {invoice.Number} is unpaid";
        return new OutgoingEmail(
            notice.Email!, name, subject, string.Join("\n\n", kept),
            string.Concat(kept.Select(p => $"<p>{WebUtility.HtmlEncode(p)}</p>")));
    }
}
