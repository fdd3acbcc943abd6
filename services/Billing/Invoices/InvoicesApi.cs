using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
using Operators.Billing.Payments;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.Contracts;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;

namespace Operators.Billing.Invoices;

/// <summary>
/// <c>/invoices</c>: treasurers draft, issue, credit and collect; a member reads the issued documents addressed to them
/// or to their company, and nothing else (another's is a 404, as a missing one). An issued document never changes:
/// every write to one answers 409, and the database refuses it too.
/// </summary>
public static class InvoicesApi
{
    private const string TreasurersOnly = "Only treasurers and owners manage invoices.";

    public static RouteGroupBuilder MapInvoices(this RouteGroupBuilder api)
    {
        var read = api.MapGroup("/invoices").RequireSpaceRole(SpaceAccess.Member, "Sign in as a member of this space to see your invoices.");
        read.MapGet("/", ListAsync);
        read.MapGet("/{id:guid}", GetAsync);
        read.MapGet("/{id:guid}/pdf", PdfAsync);
        read.MapGet("/{id:guid}/factur-x.xml", XmlAsync);

        var write = api.MapGroup("/invoices").RequireSpaceRole(SpaceAccess.Treasurer, TreasurersOnly);
        write.MapPost("/", CreateAsync);
        write.MapPut("/{id:guid}", UpdateAsync).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapDelete("/{id:guid}", DeleteAsync).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/issue", IssueAsync).ProducesProblem(StatusCodes.Status409Conflict);
        write.MapPost("/{id:guid}/credit-notes", CreditAsync).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<Results<Ok<List<InvoiceSummary>>, ValidationProblem>> ListAsync(
        string? status, string? kind, Guid? memberId, Guid? customerId, DateOnly? from, DateOnly? to, Caller caller, BillingDbContext db, CancellationToken ct)
    {
        var query = await VisibleAsync(db, caller, ct);
        if (status is not null)
        {
            if (!InvoiceNames.Statuses.TryGetValue(status, out var s))
            {
                return ProblemResults.Validation("status", "'status' must be draft, issued, partially-paid, paid or cancelled.");
            }

            query = query.Where(i => i.Status == s);
        }

        if (kind is not null)
        {
            if (kind is not ("invoice" or "credit-note"))
            {
                return ProblemResults.Validation("kind", "'kind' must be invoice or credit-note.");
            }

            var k = kind == "invoice" ? DocumentKind.Invoice : DocumentKind.CreditNote;
            query = query.Where(i => i.Kind == k);
        }

        if (memberId is not null)
        {
            query = query.Where(i => i.MemberId == memberId);
        }

        if (customerId is not null)
        {
            query = query.Where(i => i.CustomerId == customerId);
        }

        if (from is not null)
        {
            query = query.Where(i => i.IssueDate >= from);
        }

        if (to is not null)
        {
            query = query.Where(i => i.IssueDate <= to);
        }

        var invoices = await query.AsNoTracking().ToListAsync(ct);
        var ids = invoices.Where(i => !i.IsIssued).Select(i => i.CustomerId).Distinct().ToList();
        var names = await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.DisplayName, ct);
        return TypedResults.Ok(invoices
            .OrderBy(i => i.IsIssued)
            .ThenByDescending(i => i.ChainIndex)
            .ThenByDescending(i => i.CreatedAt)
            .Select(i => new InvoiceSummary(
                i.Id.ToString(), i.Number, InvoiceNames.Of(i.Kind), InvoiceNames.Of(i.Status), i.IssueDate, i.DueDate, i.CustomerId.ToString(),
                i.Buyer?.Name ?? names.GetValueOrDefault(i.CustomerId, "—"), new Money(i.Gross, i.Currency), new Money(i.AmountDue, i.Currency)))
            .ToList());
    }

    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> GetAsync(Guid id, Caller caller, BillingDbContext db, CancellationToken ct)
    {
        var invoice = await (await VisibleAsync(db, caller, ct)).AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        return invoice is null ? ProblemResults.NotFound() : TypedResults.Ok(await ResponseAsync(db, invoice, ct));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> PdfAsync(Guid id, Caller caller, BillingDbContext db, CancellationToken ct)
    {
        var file = await StoredAsync(db, caller, id, ct);
        return file is null
            ? ProblemResults.NotFound("No issued document has this id: a draft has no PDF until it is issued.")
            : TypedResults.File(file.Value.File.Pdf, "application/pdf", $"{file.Value.Number}.pdf");
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> XmlAsync(Guid id, Caller caller, BillingDbContext db, CancellationToken ct)
    {
        var file = await StoredAsync(db, caller, id, ct);
        return file is null
            ? ProblemResults.NotFound("No issued document has this id: a draft has no Factur-X until it is issued.")
            : TypedResults.File(System.Text.Encoding.UTF8.GetBytes(file.Value.File.Xml), "application/xml", "factur-x.xml");
    }

    private static async Task<Results<Created<InvoiceResponse>, ValidationProblem>> CreateAsync(
        InvoiceRequest? request, IValidator<InvoiceRequest> validator, BillingDbContext db, BillingCalendar calendar, HttpRequest http, CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var currency = await calendar.CurrencyAsync(ct);
        var (customer, problem) = await CustomerAsync(db, request!.CustomerId!.Value, currency, request.Lines!, ct);
        if ((problem ?? await ZeroRateAsync(db, request.Lines!, ct)) is { } refused)
        {
            return refused;
        }

        var invoice = new Invoice
        {
            Id = Guid.CreateVersion7(),
            Kind = DocumentKind.Invoice,
            Status = InvoiceStatus.Draft,
            Currency = currency,
            CreatedAt = calendar.UtcNow,
        };
        await ApplyAsync(db, invoice, customer!, request, ct);
        db.Invoices.Add(invoice);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"{http.PathBase}/api/billing/invoices/{invoice.Id}", await ResponseAsync(db, invoice, ct));
    }

    private static async Task<Results<Ok<InvoiceResponse>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        Guid id, InvoiceRequest? request, IValidator<InvoiceRequest> validator, BillingDbContext db, BillingCalendar calendar, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return ProblemResults.NotFound();
        }

        if (invoice.IsIssued)
        {
            return Frozen(invoice);
        }

        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        var (customer, problem) = await CustomerAsync(db, request!.CustomerId!.Value, await calendar.CurrencyAsync(ct), request.Lines!, ct);
        if ((problem ?? await ZeroRateAsync(db, request.Lines!, ct)) is { } refused)
        {
            return refused;
        }

        db.InvoiceLines.RemoveRange(invoice.Lines);
        await ApplyAsync(db, invoice, customer!, request, ct);
        // Added explicitly: new lines found through the navigation with their keys set would be taken for existing rows.
        db.InvoiceLines.AddRange(invoice.Lines);
        invoice.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit (version), or the draft issued meanwhile (the database refuses to touch its lines).
            return ProblemResults.Conflict("The draft was changed, issued or deleted meanwhile: read it again.");
        }

        return TypedResults.Ok(await ResponseAsync(db, invoice, ct));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(Guid id, BillingDbContext db, CancellationToken ct)
    {
        var invoice = await db.Invoices.Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return ProblemResults.NotFound();
        }

        if (invoice.IsIssued)
        {
            return Frozen(invoice);
        }

        db.Invoices.Remove(invoice);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit (version), or the draft issued meanwhile (the database refuses to delete it).
            return ProblemResults.Conflict("The draft was changed or issued meanwhile: read it again.");
        }

        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<InvoiceResponse>, ProblemHttpResult>> IssueAsync(Guid id, InvoiceIssuer issuer, BillingDbContext db, CancellationToken ct)
    {
        IssueOutcome? outcome;
        try
        {
            outcome = await issuer.IssueAsync(id, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent edit (version), or the draft deleted meanwhile (its file then has no document to belong to).
            return ProblemResults.Conflict("The draft was edited or deleted while it was being issued: nothing was issued; read it again and retry.");
        }

        if (outcome is null)
        {
            return ProblemResults.NotFound();
        }

        return outcome.Issued is { } issued ? TypedResults.Ok(await ResponseAsync(db, issued, ct)) : ProblemResults.Conflict(outcome.Refusal!);
    }

    private static async Task<Results<Created<InvoiceResponse>, ValidationProblem, ProblemHttpResult>> CreditAsync(
        Guid id, CreditNoteRequest? request, IValidator<CreditNoteRequest> validator, InvoiceIssuer issuer, BillingDbContext db, BillingCalendar calendar,
        HttpRequest http, CancellationToken ct)
    {
        var invoice = await db.Invoices.AsNoTracking().Include(i => i.Lines).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (invoice is null)
        {
            return ProblemResults.NotFound();
        }

        // An empty body credits the whole invoice.
        request ??= new CreditNoteRequest(null, null);
        if (await validator.ValidateBodyAsync(request, ct) is { } invalid)
        {
            return invalid;
        }

        if (invoice.Kind != DocumentKind.Invoice || !invoice.IsIssued)
        {
            return ProblemResults.Conflict("Only an issued invoice can be credited; a draft is edited or deleted instead.");
        }

        List<InvoiceLine>? lines = null;
        if (request.Lines is { } given)
        {
            if (OtherCurrency(given, invoice.Currency) is { } otherCurrency)
            {
                return otherCurrency;
            }

            var rates = invoice.Lines.Select(l => l.VatRate).ToHashSet();
            for (var i = 0; i < given.Count; i++)
            {
                if (!rates.Contains(given[i].VatRate!.Value))
                {
                    return ProblemResults.Validation($"lines[{i}].vatRate", $"{invoice.Number} has no line at {given[i].VatRate} % VAT: a credit note credits what was invoiced.");
                }
            }

            lines = given.Select(NewLine).ToList();
        }

        IssueOutcome outcome;
        try
        {
            outcome = await issuer.CreditAsync(id, lines, request.Reason?.Trim() is { Length: > 0 } reason ? reason : null, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ProblemResults.Conflict($"{invoice.Number} changed while it was being credited (a payment): nothing was issued; read it again and retry.");
        }

        return outcome.Issued is { } note
            ? TypedResults.Created($"{http.PathBase}/api/billing/invoices/{note.Id}", await ResponseAsync(db, note, ct))
            : ProblemResults.Conflict(outcome.Refusal!);
    }

    /// <summary>What <paramref name="caller"/> may read: everything for a treasurer; else the issued documents addressed to them or to their company.</summary>
    internal static async Task<IQueryable<Invoice>> VisibleAsync(BillingDbContext db, Caller caller, CancellationToken ct)
    {
        if (caller.IsTreasurer)
        {
            return db.Invoices;
        }

        var me = caller.Id!.Value;
        var company = await db.Customers.AsNoTracking().Where(c => c.Id == me && c.Kind == CustomerKind.Member).Select(c => c.CompanyId).FirstOrDefaultAsync(ct);
        return db.Invoices.Where(i => i.Number != null && (i.MemberId == me || (company != null && i.CompanyId == company)));
    }

    private static async Task<(InvoiceFile File, string Number)?> StoredAsync(BillingDbContext db, Caller caller, Guid id, CancellationToken ct)
    {
        var number = await (await VisibleAsync(db, caller, ct)).Where(i => i.Id == id && i.Number != null).Select(i => i.Number).FirstOrDefaultAsync(ct);
        if (number is null)
        {
            return null;
        }

        var file = await db.InvoiceFiles.AsNoTracking().FirstAsync(f => f.InvoiceId == id, ct);
        return (file, number);
    }

    private static ProblemHttpResult Frozen(Invoice invoice) =>
        ProblemResults.Conflict($"{invoice.Number} is issued: an issued document never changes. Correct it with a credit note.");

    private static async Task<(Customer? Customer, ValidationProblem? Problem)> CustomerAsync(
        BillingDbContext db, Guid customerId, string currency, List<InvoiceLineRequest> lines, CancellationToken ct)
    {
        if (OtherCurrency(lines, currency) is { } otherCurrency)
        {
            return (null, otherCurrency);
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, ct);
        return customer is null || customer.Erased
            ? (null, ProblemResults.Validation("customerId", "No customer of this space has this id (see GET /api/billing/customers)."))
            : (customer, null);
    }

    /// <summary>0 % is the VAT franchise's rate; a space liable to VAT has no exemption to state for it (EN 16931 BR-S-05).</summary>
    private static async Task<ValidationProblem?> ZeroRateAsync(BillingDbContext db, List<InvoiceLineRequest> lines, CancellationToken ct)
    {
        var index = lines.FindIndex(l => l.VatRate == 0m);
        if (index < 0 || await db.Settings.AsNoTracking().AnyAsync(s => s.VatRegime == VatRegime.Franchise293B, ct))
        {
            return null;
        }

        return ProblemResults.Validation($"lines[{index}].vatRate", "0 % VAT is for a space under the VAT franchise (293 B); this space charges VAT: 20, 10, 5.5 or 2.1.");
    }

    private static ValidationProblem? OtherCurrency(List<InvoiceLineRequest> lines, string currency)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].UnitPrice?.Currency is { } given && !string.Equals(given, currency, StringComparison.Ordinal))
            {
                return ProblemResults.Validation($"lines[{i}].unitPrice.currency", $"Prices are in {currency}, the space's currency.");
            }
        }

        return null;
    }

    private static async Task ApplyAsync(BillingDbContext db, Invoice invoice, Customer customer, InvoiceRequest request, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct);
        invoice.CustomerId = customer.Id;
        invoice.MemberId = customer.Kind == CustomerKind.Member ? customer.Id : null;
        invoice.CompanyId = customer.Kind == CustomerKind.Company ? customer.Id : null;
        invoice.Language = request.Language ?? customer.Language ?? settings?.Language ?? "fr";
        invoice.ServiceFrom = request.ServicePeriod?.From;
        invoice.ServiceTo = request.ServicePeriod?.To;
        invoice.Note = request.Note?.Trim() is { Length: > 0 } note ? note : null;
        invoice.Lines = request.Lines!.Select(NewLine).ToList();
        for (var i = 0; i < invoice.Lines.Count; i++)
        {
            invoice.Lines[i].Position = i + 1;
            invoice.Lines[i].InvoiceId = invoice.Id;
        }

        InvoiceTotals.Apply(invoice, settings?.VatRegime == VatRegime.Franchise293B);
    }

    private static InvoiceLine NewLine(InvoiceLineRequest l, int index) => new()
    {
        Id = Guid.CreateVersion7(),
        Position = index + 1,
        Description = l.Description!.Trim(),
        Quantity = l.Quantity!.Value,
        UnitCode = l.Unit ?? "C62",
        UnitPrice = l.UnitPrice!.Amount,
        VatRate = l.VatRate!.Value,
    };

    internal static async Task<InvoiceResponse> ResponseAsync(BillingDbContext db, Invoice i, CancellationToken ct)
    {
        var currency = i.Currency;
        Money M(decimal amount) => new(amount, currency);
        // The id as .NET writes it (SQLite would write a Guid converted in SQL in capitals, which no form matches).
        var customerId = i.CustomerId.ToString();
        var customer = i.Buyer is { } buyer
            ? new InvoiceCustomerDocument(i.CustomerId.ToString(), buyer.Name, Address(buyer.Address.Line1, buyer.Address.Line2, buyer.Address.PostalCode, buyer.Address.City, buyer.Address.Country),
                buyer.IsBusiness, buyer.Siren, buyer.VatNumber, buyer.Email)
            : await db.Customers.AsNoTracking().Where(c => c.Id == i.CustomerId).Select(c => new InvoiceCustomerDocument(
                customerId, c.BillingName ?? c.DisplayName, Address(c.Line1, c.Line2, c.PostalCode, c.City, c.Country), c.IsBusiness, c.Siren, c.VatNumber, c.Email))
                .FirstOrDefaultAsync(ct) ?? new InvoiceCustomerDocument(i.CustomerId.ToString(), "—", null, false, null, null, null);
        var lines = i.Lines.OrderBy(l => l.Position).ToList();
        var credits = await db.Invoices.AsNoTracking().Where(c => c.CreditedInvoiceId == i.Id && c.Number != null)
            .OrderBy(c => c.ChainIndex).Select(c => new { c.Id, c.Number, c.IssueDate, c.Gross }).ToListAsync(ct);
        var payments = await db.Payments.AsNoTracking().Where(p => p.InvoiceId == i.Id).OrderBy(p => p.Date).ThenBy(p => p.RecordedAt).ToListAsync(ct);
        return new InvoiceResponse(
            i.Id.ToString(), i.Number, InvoiceNames.Of(i.Kind), InvoiceNames.Of(i.Status), i.IssueDate, i.DueDate, customer,
            i.ServiceFrom is null ? null : new ServicePeriodDocument(i.ServiceFrom, i.ServiceTo), i.Language, i.Note,
            lines.Select(l => new InvoiceLineDocument(l.Position, l.Description, l.Quantity, l.UnitCode, M(l.UnitPrice), l.VatRate, M(l.Net))).ToList(),
            new TotalsDocument(M(i.Net), InvoiceTotals.Breakdown(lines).Select(v => new VatDocument(v.Rate, M(v.Base), M(v.Amount))).ToList(), M(i.VatTotal), M(i.Gross)),
            M(i.PaidAmount), M(i.CreditedAmount), M(i.AmountDue),
            i.CreditedInvoiceId is { } creditedId ? new InvoiceReference(creditedId.ToString(), i.CreditedInvoiceNumber!, i.CreditedInvoiceIssueDate!.Value) : null,
            credits.Select(c => new CreditDocument(c.Id.ToString(), c.Number!, c.IssueDate!.Value, M(c.Gross))).ToList(),
            payments.Select(p => new PaymentDocument(p.Id.ToString(), new Money(p.Amount, p.Currency), InvoiceNames.Of(p.Method), p.Date, p.Reference)).ToList());
    }

    private static AddressDocument? Address(string? line1, string? line2, string? postalCode, string? city, string country) =>
        string.IsNullOrWhiteSpace(line1) ? null : new AddressDocument(line1, line2, postalCode ?? "", city ?? "", country);
}
