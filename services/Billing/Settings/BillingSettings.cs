using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Settings;

public enum VatRegime
{
    /// <summary>Liable to VAT: every line carries its rate.</summary>
    Standard,

    /// <summary>VAT franchise (art. 293 B du CGI): no VAT charged, the exemption mention printed instead.</summary>
    Franchise293B,
}

/// <summary>A space's legal identity as a seller and how it invoices; one row per space, created with defaults on first read.</summary>
public sealed class BillingSettings : ITenantOwned
{
    public Guid TenantId { get; set; }

    public string? LegalName { get; set; }

    /// <summary>SAS, SARL, association loi 1901, SCIC…</summary>
    public string? LegalForm { get; set; }

    /// <summary>Companies print their share capital; associations have none.</summary>
    public decimal? ShareCapital { get; set; }

    public string? Line1 { get; set; }

    public string? Line2 { get; set; }

    public string? PostalCode { get; set; }

    public string? City { get; set; }

    public string Country { get; set; } = "FR";

    public string? Siren { get; set; }

    public string? Siret { get; set; }

    /// <summary>Trade register entry, e.g. "RCS Lyon 732 829 320", when registered.</summary>
    public string? Rcs { get; set; }

    public string? VatNumber { get; set; }

    /// <summary>Where the space receives electronic invoices (BT-34), e.g. its SIREN at its plateforme agréée.</summary>
    public string? ElectronicAddress { get; set; }

    public string? Email { get; set; }

    public VatRegime VatRegime { get; set; } = VatRegime.Standard;

    /// <summary>The option to pay VAT on debits (printed, and coded in the Factur-X).</summary>
    public bool VatOnDebits { get; set; }

    public int PaymentTermsDays { get; set; } = 30;

    /// <summary>Yearly late-payment penalty rate, in percent.</summary>
    public decimal LatePenaltyRate { get; set; } = 12m;

    public string? Iban { get; set; }

    public string? Bic { get; set; }

    public string InvoicePrefix { get; set; } = "F";

    public string CreditNotePrefix { get; set; } = "AV";

    /// <summary>Day of the month the monthly invoice run happens (issue 11).</summary>
    public int InvoiceDay { get; set; } = 1;

    /// <summary>Whether invoice runs issue their invoices or leave drafts (issue 11).</summary>
    public bool AutoIssue { get; set; }

    /// <summary>Dunning steps, days past due (issue 11).</summary>
    public List<int> DunningDays { get; set; } = [7, 15, 30];

    /// <summary>Default language of documents, <c>fr</c> or <c>en</c>; a customer's own choice wins.</summary>
    public string Language { get; set; } = "fr";

    /// <summary>Stripe's publishable key (<c>pk_…</c>): public by design.</summary>
    public string? StripePublishableKey { get; set; }

    /// <summary>Stripe's secret key, encrypted with Data Protection; never given back by the API.</summary>
    public string? StripeSecretKeyProtected { get; set; }

    /// <summary>The webhook endpoint's signing secret (<c>whsec_…</c>), encrypted with Data Protection; never given back.</summary>
    public string? StripeWebhookSecretProtected { get; set; }

    /// <summary>Online payment works: both the secret key and the webhook's secret are set.</summary>
    public bool StripeReady => StripeSecretKeyProtected is not null && StripeWebhookSecretProtected is not null;

    public int Version { get; set; }
}
