using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Documents;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.Billing.Stripe;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Messaging;
using Operators.ServiceDefaults.Data;
using Operators.Tenancy;

namespace Operators.Billing.Invoices;

/// <summary>Why a document could not be issued (a 409 for the API), or the issued document.</summary>
public sealed record IssueOutcome(Invoice? Issued, string? Refusal)
{
    public static IssueOutcome Refused(string why) => new(null, why);
}

/// <summary>
/// Issues invoices and credit notes: under the lock of the space's <see cref="IssueChain"/> row, in one transaction,
/// it takes the next number of the document's series, copies seller and customer, renders and stores the Factur-X
/// PDF, links the footprint to the previous document's and writes <c>InvoiceIssued</c> to the outbox. A transaction
/// that rolls back takes its number with it, so numbers stay gapless; the lock makes them chronological. A credit note
/// on a card-paid invoice plans the refund of what is then owed back (<see cref="StripeRefunds"/>, absent where no Stripe
/// is wired, as in the issuing benchmark's harness).
/// </summary>
public sealed class InvoiceIssuer(
    BillingDbContext db, IInvoiceDocumentRenderer renderer, Outbox<BillingDbContext> outbox, BillingCalendar calendar, ITenantContext tenants,
    StripeRefunds? refunds = null)
{
    /// <summary>The space's chain row as <see cref="LockAsync"/> locked it, and the transaction holding the lock.</summary>
    private IssueChain? locked;

    private Guid? lockedIn;

    /// <summary>
    /// Issues the draft <paramref name="id"/>; null when there is no such draft or document. Inside a transaction the
    /// caller holds, it issues in that one and the caller commits.
    /// </summary>
    public async Task<IssueOutcome?> IssueAsync(Guid id, CancellationToken ct)
    {
        await using var tx = await BeginLockedAsync(ct);
        var draft = await db.Invoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (draft is null)
        {
            return null;
        }

        if (draft.IsIssued)
        {
            return IssueOutcome.Refused($"This document is already issued as {draft.Number}.");
        }

        var outcome = await IssueLockedAsync(draft, null, ct);
        if (outcome.Issued is not null)
        {
            await db.SaveChangesAsync(ct);
            if (tx is not null)
            {
                await tx.CommitAsync(ct);
            }
        }

        return outcome;
    }

    /// <summary>
    /// Issues a credit note for <paramref name="invoice"/> (issued, tracked, loaded under no lock) with
    /// <paramref name="lines"/>, and moves the invoice's credited amount and status.
    /// </summary>
    public async Task<IssueOutcome> CreditAsync(Guid invoiceId, IReadOnlyList<InvoiceLine>? lines, string? reason, CancellationToken ct)
    {
        await using var tx = await BeginLockedAsync(ct);
        // Read again under the lock: two credit notes at once must see each other's credited amount.
        var invoice = await db.Invoices.Include(i => i.Lines).FirstAsync(i => i.Id == invoiceId, ct);
        if (invoice.Kind != DocumentKind.Invoice || !invoice.IsIssued)
        {
            return IssueOutcome.Refused("Only an issued invoice can be credited.");
        }

        if (invoice.Status == InvoiceStatus.Cancelled)
        {
            return IssueOutcome.Refused($"{invoice.Number} is already cancelled by credit notes.");
        }

        if (lines is null && invoice.CreditedAmount != 0m)
        {
            return IssueOutcome.Refused($"{invoice.Number} is already partly credited: credit what remains with lines.");
        }

        var note = new Invoice
        {
            Id = Guid.CreateVersion7(),
            Kind = DocumentKind.CreditNote,
            Status = InvoiceStatus.Draft,
            CustomerId = invoice.CustomerId,
            MemberId = invoice.MemberId,
            CompanyId = invoice.CompanyId,
            Currency = invoice.Currency,
            Language = invoice.Language,
            ServiceFrom = invoice.ServiceFrom,
            ServiceTo = invoice.ServiceTo,
            Note = reason,
            CreditedInvoiceId = invoice.Id,
            CreditedInvoiceNumber = invoice.Number,
            CreditedInvoiceIssueDate = invoice.IssueDate,
            CreatedAt = calendar.UtcNow,
            Lines = (lines ?? invoice.Lines.OrderBy(l => l.Position).ToList())
                .Select((l, i) => new InvoiceLine
                {
                    Id = Guid.CreateVersion7(),
                    Position = i + 1,
                    Description = l.Description,
                    Quantity = l.Quantity,
                    UnitCode = l.UnitCode,
                    UnitPrice = l.UnitPrice,
                    VatRate = l.VatRate,
                })
                .ToList(),
        };
        InvoiceTotals.Apply(note, invoice.Seller!.VatFranchise);
        var remaining = invoice.Gross - invoice.CreditedAmount;
        if (note.Gross > remaining)
        {
            return IssueOutcome.Refused($"A credit note of {note.Gross} exceeds what remains of {invoice.Number} ({remaining}).");
        }

        if (note.Gross <= 0m)
        {
            return IssueOutcome.Refused("A credit note must credit an amount.");
        }

        // Per rate too: crediting more base at one rate than was invoiced at it would make that rate's VAT negative.
        // And VAT per rate, as each document rounds it: small pieces rounded up one by one could credit more VAT than
        // the invoice charged.
        var creditedBefore = (await db.InvoiceLines.AsNoTracking()
            .Where(l => db.Invoices.Any(c => c.Id == l.InvoiceId && c.CreditedInvoiceId == invoice.Id && c.Number != null))
            .ToListAsync(ct))
            .GroupBy(l => l.InvoiceId)
            .SelectMany(InvoiceTotals.Breakdown)
            .ToList();
        var invoicedRates = InvoiceTotals.Breakdown(invoice.Lines);
        foreach (var rate in InvoiceTotals.Breakdown(note.Lines))
        {
            var invoiced = invoicedRates.FirstOrDefault(r => r.Rate == rate.Rate);
            var already = creditedBefore.Where(r => r.Rate == rate.Rate).ToList();
            var alreadyBase = already.Sum(r => r.Base);
            if (rate.Base + alreadyBase > (invoiced?.Base ?? 0m))
            {
                return IssueOutcome.Refused(
                    $"At {rate.Rate} % VAT, {invoice.Number} invoiced {invoiced?.Base ?? 0m} excl. VAT and {alreadyBase} is already credited: a credit of {rate.Base} more exceeds it.");
            }

            var alreadyVat = already.Sum(r => r.Amount);
            if (!invoice.Seller.VatFranchise && rate.Amount + alreadyVat > (invoiced?.Amount ?? 0m))
            {
                return IssueOutcome.Refused(
                    $"At {rate.Rate} % VAT, {invoice.Number} charged {invoiced?.Amount ?? 0m} of VAT and {alreadyVat} is already credited: this credit's {rate.Amount} more exceeds it (each credit note rounds its VAT; credit what remains at this rate in one credit note).");
            }
        }

        // The credit note is written as a draft first, then issued: the database refuses lines added to an issued document.
        db.Invoices.Add(note);
        await db.SaveChangesAsync(ct);
        var outcome = await IssueLockedAsync(note, invoice, ct);
        if (outcome.Issued is null)
        {
            return outcome;
        }

        invoice.CreditedAmount += note.Gross;
        invoice.Status = PaymentState.Of(invoice);
        invoice.Version++;
        // Paid by card and now owed back: the refund is planned with the credit note, in its transaction.
        if (refunds is not null)
        {
            await refunds.PlanAsync(invoice, $"{note.Number} credits {invoice.Number}", ct);
        }

        await db.SaveChangesAsync(ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }

        refunds?.Dispatch();
        return outcome;
    }

    /// <summary>
    /// Locks the space's chain row in a transaction of its own, returned for the caller to commit; or, inside a
    /// transaction the caller already holds (a consumer's), in that one, and then returns null: the caller commits.
    /// </summary>
    private async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction?> BeginLockedAsync(CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        try
        {
            await LockAsync(ct);
            return tx;
        }
        catch
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Takes the space's chain lock in the caller's transaction, until it ends: documents are then numbered in the
    /// order their transactions commit. One statement creates the space's chain row the first time and otherwise
    /// updates it to itself, which locks it (PostgreSQL locks the row; SQLite takes its write lock).
    /// </summary>
    public async Task LockAsync(CancellationToken ct)
    {
        var tenant = tenants.TenantId ?? throw new InvalidOperationException("Issuing needs a space.");
        var transaction = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("The chain's lock lasts until its transaction ends: take it inside one.");

        // The row comes back with the lock, read after it: what a tracked copy says may be older.
        foreach (var tracked in db.ChangeTracker.Entries<IssueChain>().ToList())
        {
            tracked.State = EntityState.Detached;
        }

        var rows = await db.IssueChains.FromSqlRaw(
                "INSERT INTO issue_chains (\"TenantId\", \"Count\", \"LastFootprint\") VALUES ({0}, 0, NULL) "
                + "ON CONFLICT (\"TenantId\") DO UPDATE SET \"Count\" = issue_chains.\"Count\" "
                + "RETURNING \"TenantId\", \"Count\", \"LastFootprint\"", tenant)
            .IgnoreQueryFilters().ToListAsync(ct);
        locked = rows.Single();
        lockedIn = transaction.TransactionId;
    }

    /// <summary>
    /// Issues the run's <paramref name="drafted"/> draft (tracked, with its lines, and the settings and customer it was
    /// drafted from in this transaction) in the caller's transaction, under the lock <see cref="LockAsync"/> took;
    /// saved, not committed: the caller commits (or rolls back, and the number with it).
    /// </summary>
    public async Task<IssueOutcome> IssueDraftAsync(Charges.DraftOutcome drafted, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(drafted);
        if (db.Database.CurrentTransaction is null || drafted.Draft is not { IsIssued: false } draft)
        {
            throw new InvalidOperationException("A draft is issued here inside the caller's transaction, under the chain's lock.");
        }

        var outcome = await IssueLockedAsync(draft, null, ct, drafted.Settings, drafted.Customer);
        if (outcome.Issued is not null)
        {
            await db.SaveChangesAsync(ct);
        }

        return outcome;
    }

    /// <summary>
    /// Numbers, copies, renders, chains and announces <paramref name="d"/>; the caller saves and commits. An invoice
    /// is addressed to its customer as billing knows them now. A credit note reverses <paramref name="credited"/>: it is
    /// addressed to the customer as that invoice names them (even if they changed or were erased since) and keeps
    /// its VAT treatment (rates, franchise, VAT on debits), whatever the space's regime is today.
    /// </summary>
    private async Task<IssueOutcome> IssueLockedAsync(
        Invoice d, Invoice? credited, CancellationToken ct, BillingSettings? knownSettings = null, Customer? knownCustomer = null)
    {
        var settings = knownSettings ?? await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        var missing = SellerIdentity.Missing(settings);
        if (missing.Count > 0)
        {
            return IssueOutcome.Refused($"The space's billing settings lack what every invoice must state: {string.Join(", ", missing)}.");
        }

        var buyer = credited?.Buyer;
        if (buyer is null)
        {
            var customer = knownCustomer?.Id == d.CustomerId
                ? knownCustomer
                : await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == d.CustomerId, ct);
            if (customer is null || customer.Erased)
            {
                return IssueOutcome.Refused("The customer is no longer known: invoice someone else.");
            }

            if (BuyerGaps(customer) is { } gap)
            {
                return IssueOutcome.Refused(gap);
            }

            buyer = Buyer(customer);
        }

        if (d.Lines.Count == 0)
        {
            return IssueOutcome.Refused("A document without lines cannot be issued.");
        }

        var seller = SellerIdentity.Snapshot(settings!);
        if (credited?.Seller is { } then)
        {
            // A credit note corrects the invoice under the VAT treatment it was issued with, and so restates the VAT number
            // it charged VAT under, even after the space moved to the franchise and removed it from its settings.
            seller = seller with
            {
                VatFranchise = then.VatFranchise,
                VatOnDebits = then.VatOnDebits,
                Party = seller.Party with { VatNumber = seller.Party.VatNumber ?? then.Party.VatNumber },
            };
        }

        InvoiceTotals.Apply(d, seller.VatFranchise);
        if (!seller.VatFranchise && d.Lines.Any(l => l.VatRate == 0m))
        {
            return IssueOutcome.Refused("A line at 0 % VAT needs an exemption this space does not state: only a space under the VAT franchise (293 B) invoices without VAT.");
        }

        if (d.Kind == DocumentKind.Invoice && d.Gross <= 0m)
        {
            return IssueOutcome.Refused("The invoice's total must be more than zero.");
        }

        var today = await calendar.TodayAsync(ct);
        // Locked and read by LockAsync in this transaction, and still tracked: its update is saved with the document.
        var chain = locked is not null && lockedIn == db.Database.CurrentTransaction?.TransactionId && db.Entry(locked).State != EntityState.Detached
            ? locked
            : throw new InvalidOperationException("Issuing needs the chain's lock, taken in this transaction.");
        var prefix = d.Kind == DocumentKind.CreditNote ? settings!.CreditNotePrefix : settings!.InvoicePrefix;
        var series = $"{prefix}-{today.Year}";
        var counter = await db.NumberSeries.FirstOrDefaultAsync(s => s.Key == series, ct);
        if (counter is null)
        {
            counter = new NumberSeries { Key = series };
            db.NumberSeries.Add(counter);
        }

        counter.Last++;
        d.Series = series;
        d.Sequence = counter.Last;
        d.Number = $"{series}-{counter.Last:D5}";
        d.ChainIndex = chain.Count + 1;
        d.IssueDate = today;
        d.DueDate = d.Kind == DocumentKind.CreditNote ? today : today.AddDays(seller.PaymentTermsDays);
        d.Seller = seller;
        d.Buyer = buyer;
        d.Status = InvoiceStatus.Issued;
        d.IssuedAt = calendar.UtcNow;
        d.Version++;

        var rendered = renderer.Render(Model(d));
        d.PdfSha256 = Footprints.Sha256(rendered.Pdf);
        d.PreviousFootprint = chain.LastFootprint;
        d.Footprint = Footprints.Compute(d, rendered.Xml, chain.LastFootprint);
        db.InvoiceFiles.Add(new InvoiceFile { InvoiceId = d.Id, Pdf = rendered.Pdf, Xml = rendered.Xml });
        chain.Count = d.ChainIndex.Value;
        chain.LastFootprint = d.Footprint;

        outbox.Publish(new InvoiceIssued(
            d.Id, InvoiceNames.Of(d.Kind), d.Number, d.MemberId, d.CompanyId, today, d.DueDate.Value, new Money(d.Gross, d.Currency), d.CreditedInvoiceId));
        return new IssueOutcome(d, null);
    }

    /// <summary>
    /// What the law needs to know of the customer: a billing address, a business's SIREN when French (the reform's
    /// BT-47), and an electronic address (BT-49).
    /// </summary>
    private static string? BuyerGaps(Customer c)
    {
        // A guest buying a day pass gives a name and an e-mail, not an address: EN 16931 then needs the country only.
        if (c.Kind != CustomerKind.Guest && (string.IsNullOrWhiteSpace(c.Line1) || string.IsNullOrWhiteSpace(c.PostalCode) || string.IsNullOrWhiteSpace(c.City)))
        {
            return $"{c.DisplayName} has no billing address: complete their billing details in membership first.";
        }

        if (c.IsBusiness && c.Country == "FR" && string.IsNullOrWhiteSpace(c.Siren))
        {
            return $"{c.DisplayName} is a French business without a SIREN, which its invoices must state: complete their billing details in membership first.";
        }

        // The reform's BR-FR-12: every invoice names the buyer's electronic address (BT-49): an e-mail, or the SIREN's.
        return string.IsNullOrWhiteSpace(c.Email) && string.IsNullOrWhiteSpace(c.Siren)
            ? $"{c.DisplayName} has neither an e-mail address nor a SIREN, one of which the electronic invoice must carry: complete their billing details in membership first."
            : null;
    }

    private static PartySnapshot Buyer(Customer c) => new(
        string.IsNullOrWhiteSpace(c.BillingName) ? c.DisplayName : c.BillingName,
        new Address(c.Line1 ?? "", c.Line2, c.PostalCode ?? "", c.City ?? "", c.Country),
        c.IsBusiness, c.Siren, Siret: null, c.VatNumber, c.Email, ElectronicAddress: null, LegalForm: null, ShareCapital: null, Rcs: null);

    /// <summary>The document's model: everything it shows, computed here so the renderer computes nothing.</summary>
    public static InvoiceDocumentModel Model(Invoice d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var lines = d.Lines.OrderBy(l => l.Position).ToList();
        return new InvoiceDocumentModel(
            d.Kind, d.Number!, d.IssueDate!.Value, d.DueDate!.Value, d.ServiceFrom, d.ServiceTo, d.Currency, d.Language, d.Seller!, d.Buyer!,
            lines.Select(l => new DocumentLine(l.Position, l.Description, l.Quantity, l.UnitCode, l.UnitPrice, l.VatRate, l.Net)).ToList(),
            InvoiceTotals.Breakdown(lines), d.Net, d.VatTotal, d.Gross, d.Note, d.CreditedInvoiceNumber, d.CreditedInvoiceIssueDate);
    }
}
