using System.Text.Json;
using System.Text.Json.Nodes;

namespace Operators.Gateway.Intranet.Billing;

/// <summary>The space's billing settings as their form posts them: its identity as a seller, its VAT regime and its terms.</summary>
public sealed class SettingsForm
{
    public string? LegalName { get; set; }

    public string? LegalForm { get; set; }

    public decimal? ShareCapital { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string Country { get; set; } = "FR";

    public string? Siren { get; set; }

    public string? Siret { get; set; }

    public string? Rcs { get; set; }

    public string? VatNumber { get; set; }

    public string? ElectronicAddress { get; set; }

    public string? Email { get; set; }

    public string VatRegime { get; set; } = "standard";

    public bool VatOnDebits { get; set; }

    public int PaymentTermsDays { get; set; } = 30;

    public decimal LatePenaltyRate { get; set; } = 12m;

    public string? Iban { get; set; }

    public string? Bic { get; set; }

    public string InvoicePrefix { get; set; } = "F";

    public string CreditNotePrefix { get; set; } = "AV";

    public string Language { get; set; } = "fr";

    public static SettingsForm From(BillingSettingsDocument? settings) => settings is null ? new() : new()
    {
        LegalName = settings.LegalName,
        LegalForm = settings.LegalForm,
        ShareCapital = settings.ShareCapital,
        Line1 = settings.Address?.Line1,
        Line2 = settings.Address?.Line2,
        PostalCode = settings.Address?.PostalCode,
        City = settings.Address?.City,
        Country = settings.Address?.Country ?? "FR",
        Siren = settings.Siren,
        Siret = settings.Siret,
        Rcs = settings.Rcs,
        VatNumber = settings.VatNumber,
        ElectronicAddress = settings.ElectronicAddress,
        Email = settings.Email,
        VatRegime = settings.VatRegime ?? "standard",
        VatOnDebits = settings.VatOnDebits,
        PaymentTermsDays = settings.PaymentTermsDays ?? 30,
        LatePenaltyRate = settings.LatePenaltyRate ?? 12m,
        Iban = settings.Iban,
        Bic = settings.Bic,
        InvoicePrefix = settings.InvoicePrefix ?? "F",
        CreditNotePrefix = settings.CreditNotePrefix ?? "AV",
        Language = settings.Language ?? "fr",
    };

    /// <summary>
    /// The whole settings document for <c>PUT /settings</c>: what the service last answered, with this form's fields
    /// over it, so that what the form does not show (the invoice run's day, dunning steps) is sent back as it was. The
    /// Stripe keys are left out: they are write-only, and their own page sets them.
    /// </summary>
    public JsonObject ToRequest(JsonObject? current)
    {
        var body = current?.DeepClone() as JsonObject ?? [];
        body.Remove("stripe");
        var mine = JsonSerializer.SerializeToNode(new
        {
            legalName = Trim(LegalName),
            legalForm = Trim(LegalForm),
            shareCapital = ShareCapital,
            address = new
            {
                line1 = Trim(Line1),
                line2 = Trim(Line2),
                postalCode = Trim(PostalCode),
                city = Trim(City),
                country = string.IsNullOrWhiteSpace(Country) ? "FR" : Country.Trim().ToUpperInvariant(),
            },
            siren = Digits(Siren),
            siret = Digits(Siret),
            rcs = Trim(Rcs),
            vatNumber = Compact(VatNumber),
            electronicAddress = Trim(ElectronicAddress),
            email = Trim(Email),
            vatRegime = VatRegime,
            vatOnDebits = VatOnDebits,
            paymentTermsDays = PaymentTermsDays,
            latePenaltyRate = LatePenaltyRate,
            iban = Compact(Iban),
            bic = Compact(Bic),
            invoicePrefix = InvoicePrefix.Trim(),
            creditNotePrefix = CreditNotePrefix.Trim(),
            language = Language,
        }, IntranetApi.Json)!.AsObject();
        foreach (var (name, value) in mine.ToList())
        {
            body[name] = value?.DeepClone();
        }

        return body;
    }

    private static string? Trim(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>SIREN and SIRET as people type them (with spaces), as the digits the service checks.</summary>
    private static string? Digits(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Replace(" ", "", StringComparison.Ordinal).Trim();

    /// <summary>An IBAN, BIC or VAT number without its spaces, in capitals.</summary>
    private static string? Compact(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Replace(" ", "", StringComparison.Ordinal).Trim().ToUpperInvariant();
}
