namespace Operators.Gateway.Intranet.Billing;

/// <summary>One line of a draft as the form posts it; a line left blank is no line.</summary>
public sealed class LineForm
{
    public string? Description { get; set; }

    public decimal? Quantity { get; set; } = 1m;

    public decimal? UnitPrice { get; set; }

    public decimal VatRate { get; set; }

    /// <summary>The unit of the quantity (UN/ECE rec. 20): C62 one, HUR hour, DAY day, MON month.</summary>
    public string Unit { get; set; } = "C62";

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && UnitPrice is null;

    public object ToRequest(string currency) => new
    {
        description = Description?.Trim(),
        quantity = Quantity,
        unitPrice = UnitPrice is { } price ? new { amount = price, currency } : null,
        vatRate = VatRate,
        unit = Unit,
    };
}

/// <summary>A draft invoice as its form posts it (create and edit): whom it is for, its lines, and a note.</summary>
public sealed class InvoiceForm
{
    /// <summary>Blank rows a form offers beyond the lines it has, so that a treasurer adds lines without script.</summary>
    public const int SpareLines = 2;

    public string? CustomerId { get; set; }

    public List<LineForm> Lines { get; set; } = [];

    public DateOnly? ServiceFrom { get; set; }

    public DateOnly? ServiceTo { get; set; }

    public string? Note { get; set; }

    /// <summary>The document's language, <c>fr</c> or <c>en</c>; empty for the customer's, else the space's.</summary>
    public string? Language { get; set; }

    /// <summary>A new draft's form: blank rows at the space's usual VAT rate (none under the franchise).</summary>
    public static InvoiceForm New(decimal vatRate) => new() { Lines = [.. Enumerable.Range(0, SpareLines + 1).Select(_ => new LineForm { VatRate = vatRate })] };

    public static InvoiceForm From(InvoiceDocument invoice, decimal vatRate)
    {
        ArgumentNullException.ThrowIfNull(invoice);
        var lines = invoice.Lines.OrderBy(l => l.Position)
            .Select(l => new LineForm { Description = l.Description, Quantity = l.Quantity, UnitPrice = l.UnitPrice.Amount, VatRate = l.VatRate, Unit = l.Unit ?? "C62" })
            .Concat(Enumerable.Range(0, SpareLines).Select(_ => new LineForm { VatRate = vatRate }));
        return new()
        {
            CustomerId = invoice.Customer.Id,
            Lines = [.. lines],
            ServiceFrom = invoice.ServicePeriod?.From,
            ServiceTo = invoice.ServicePeriod?.To,
            Note = invoice.Note,
            Language = invoice.Language,
        };
    }

    /// <summary>Rows enough for every posted line and a blank one or two, after a refused post.</summary>
    public void Pad(decimal vatRate)
    {
        while (Lines.Count(l => l.IsBlank) < SpareLines)
        {
            Lines.Add(new LineForm { VatRate = vatRate });
        }
    }

    public object ToRequest(string currency) => new
    {
        customerId = string.IsNullOrEmpty(CustomerId) ? null : CustomerId,
        lines = Lines.Where(l => !l.IsBlank).Select(l => l.ToRequest(currency)).ToList(),
        servicePeriod = ServiceFrom is null && ServiceTo is null ? null : new { from = ServiceFrom, to = ServiceTo },
        note = string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(),
        language = Language is "fr" or "en" ? Language : null,
    };
}

/// <summary>A manual payment as its form posts it.</summary>
public sealed class PaymentForm
{
    public static readonly string[] Methods = ["bank-transfer", "cash", "cheque", "card"];

    public decimal? Amount { get; set; }

    public string Method { get; set; } = "bank-transfer";

    public DateOnly Date { get; set; }

    public string? Reference { get; set; }

    public object ToRequest(string currency) => new
    {
        amount = Amount is { } amount ? new { amount, currency } : null,
        method = Method,
        date = Date,
        reference = string.IsNullOrWhiteSpace(Reference) ? null : Reference.Trim(),
    };
}

/// <summary>A credit note as its form posts it: the whole invoice, or one amount of it at one VAT rate.</summary>
public sealed class CreditNoteForm
{
    public bool Partial { get; set; }

    public string? Description { get; set; }

    /// <summary>Excluding VAT, as the invoice's lines are.</summary>
    public decimal? Amount { get; set; }

    public decimal VatRate { get; set; }

    public string? Reason { get; set; }

    public object ToRequest(string currency) => new
    {
        lines = Partial
            ? new[] { new { description = Description?.Trim(), quantity = (decimal?)1m, unitPrice = Amount is { } amount ? new { amount, currency } : null, vatRate = VatRate } }
            : null,
        reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim(),
    };
}
