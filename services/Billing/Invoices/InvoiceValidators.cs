using FluentValidation;
using Operators.ServiceDefaults.Validation;

namespace Operators.Billing.Invoices;

/// <summary>A line's rules, for drafts and partial credit notes alike.</summary>
public sealed class InvoiceLineValidator : AbstractValidator<InvoiceLineRequest>
{
    /// <summary>The French VAT rates (INVOICING-FR.md), and 0 (franchise, exempt).</summary>
    public static readonly IReadOnlySet<decimal> VatRates = new HashSet<decimal> { 0m, 2.1m, 5.5m, 10m, 20m };

    /// <summary>What one line may amount to; 200 of them stay well within the stored amounts' precision.</summary>
    public const decimal MaxLineNet = 10_000_000m;

    public static readonly IReadOnlySet<string> Units = new HashSet<string>(StringComparer.Ordinal) { "C62", "DAY", "HUR", "MON" };

    public InvoiceLineValidator()
    {
        RuleFor(l => l.Description).NotEmpty().MaximumLength(500).PlainText();
        RuleFor(l => l.Quantity).NotNull().GreaterThan(0m).LessThanOrEqualTo(100_000m)
            .Must(q => q is null || decimal.Round(q.Value, 3) == q.Value).WithMessage("'Quantity' has at most 3 decimals.");
        RuleFor(l => l.UnitPrice).NotNull();
        RuleFor(l => l.UnitPrice!.Amount).GreaterThanOrEqualTo(0m).LessThanOrEqualTo(1_000_000m)
            .Must(p => decimal.Round(p, 4) == p).WithMessage("'Unit Price' has at most 4 decimals.")
            .OverridePropertyName("unitPrice").When(l => l.UnitPrice is not null);
        RuleFor(l => l.VatRate).NotNull()
            .Must(r => r is null || VatRates.Contains(r.Value)).WithMessage("'Vat Rate' must be one of 0, 2.1, 5.5, 10 or 20.");
        RuleFor(l => l.Unit).Must(u => u is null || Units.Contains(u)).WithMessage("'Unit' must be C62, DAY, HUR or MON.");
        RuleFor(l => l.Quantity!.Value * l.UnitPrice!.Amount).LessThanOrEqualTo(MaxLineNet).OverridePropertyName("unitPrice")
            .When(l => l.Quantity is > 0m and <= 100_000m && l.UnitPrice is { Amount: >= 0m and <= 1_000_000m })
            .WithMessage($"A line of more than {MaxLineNet:N0} excl. VAT is not an invoice line this service takes.");
    }
}

public sealed class InvoiceRequestValidator : AbstractValidator<InvoiceRequest>
{
    public InvoiceRequestValidator()
    {
        RuleFor(r => r.CustomerId).NotNull().NotEqual(Guid.Empty);
        RuleFor(r => r.Lines).NotNull().Must(l => l is null || l.Count is > 0 and <= 200).WithMessage("'Lines' must hold 1 to 200 lines.");
        RuleForEach(r => r.Lines).NotNull().SetValidator(new InvoiceLineValidator());
        RuleFor(r => r.ServicePeriod!.From).NotNull().When(r => r.ServicePeriod is not null).OverridePropertyName("servicePeriod.from");
        RuleFor(r => r.ServicePeriod!.To).NotNull().When(r => r.ServicePeriod is not null).OverridePropertyName("servicePeriod.to");
        RuleFor(r => r.ServicePeriod!.To).GreaterThanOrEqualTo(r => r.ServicePeriod!.From)
            .When(r => r.ServicePeriod is { From: not null, To: not null }).OverridePropertyName("servicePeriod.to")
            .WithMessage("'servicePeriod.to' must be on or after 'servicePeriod.from'.");
        RuleFor(r => r.Note).MaximumLength(1000).PlainText(multiline: true);
        RuleFor(r => r.Language).Must(l => l is null or "fr" or "en").WithMessage("'Language' must be fr or en.");
    }
}

public sealed class CreditNoteRequestValidator : AbstractValidator<CreditNoteRequest>
{
    public CreditNoteRequestValidator()
    {
        RuleFor(r => r.Lines).Must(l => l is null || l.Count is > 0 and <= 200).WithMessage("'Lines' must hold 1 to 200 lines, or be left out to credit the whole invoice.");
        RuleForEach(r => r.Lines).NotNull().SetValidator(new InvoiceLineValidator());
        RuleFor(r => r.Reason).MaximumLength(1000).PlainText(multiline: true);
    }
}

public sealed class PaymentRequestValidator : AbstractValidator<PaymentRequest>
{
    public PaymentRequestValidator()
    {
        RuleFor(r => r.Amount).NotNull();
        RuleFor(r => r.Amount!.Amount).GreaterThan(0m)
            .Must(a => decimal.Round(a, 2) == a).WithMessage("'Amount' has at most 2 decimals.")
            .OverridePropertyName("amount").When(r => r.Amount is not null);
        RuleFor(r => r.Method).NotEmpty()
            .Must(m => m is null || InvoiceNames.Methods.ContainsKey(m)).WithMessage("'Method' must be bank-transfer, cash, cheque or card.");
        RuleFor(r => r.Reference).MaximumLength(100).PlainText();
    }
}
