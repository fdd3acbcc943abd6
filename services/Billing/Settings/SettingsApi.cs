using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Stripe;
using Operators.ServiceDefaults.Http;
using Operators.ServiceDefaults.Security;
using Operators.ServiceDefaults.Validation;
using Operators.Tenancy;

namespace Operators.Billing.Settings;

/// <summary>The seller's postal address; <c>country</c> is ISO 3166 alpha-2, FR when not given.</summary>
public sealed record SettingsAddress(string? Line1, string? Line2, string? PostalCode, string? City, string? Country);

/// <summary>
/// The space's billing settings as clients read and write them. On a PUT, a setting left out takes its default
/// (the identity fields: not set). <c>version</c> is the one read: a PUT carrying an older one answers 409.
/// </summary>
public sealed record BillingSettingsDocument(
    string? LegalName,
    string? LegalForm,
    decimal? ShareCapital,
    SettingsAddress? Address,
    string? Siren,
    string? Siret,
    string? Rcs,
    string? VatNumber,
    string? ElectronicAddress,
    string? Email,
    string? VatRegime,
    bool? VatOnDebits,
    int? PaymentTermsDays,
    decimal? LatePenaltyRate,
    string? Iban,
    string? Bic,
    string? InvoicePrefix,
    string? CreditNotePrefix,
    int? InvoiceDay,
    bool? AutoIssue,
    IReadOnlyList<int>? DunningDays,
    string? Language,
    int? Version = null,
    StripeKeysDocument? Stripe = null)
{
    public static BillingSettingsDocument From(BillingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new(
            s.LegalName, s.LegalForm, s.ShareCapital, new SettingsAddress(s.Line1, s.Line2, s.PostalCode, s.City, s.Country),
            s.Siren, s.Siret, s.Rcs, s.VatNumber, s.ElectronicAddress, s.Email, VatRegimes.Name(s.VatRegime), s.VatOnDebits,
            s.PaymentTermsDays, s.LatePenaltyRate, s.Iban, s.Bic, s.InvoicePrefix, s.CreditNotePrefix, s.InvoiceDay, s.AutoIssue,
            s.DunningDays, s.Language, s.Version, StripeKeysDocument.From(s));
    }

    /// <summary>Writes the document over <paramref name="s"/>: trimmed, identifiers compacted, defaults for what is left out.</summary>
    public void CopyTo(BillingSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var defaults = new BillingSettings();
        s.LegalName = Text(LegalName);
        s.LegalForm = Text(LegalForm);
        s.ShareCapital = ShareCapital;
        s.Line1 = Text(Address?.Line1);
        s.Line2 = Text(Address?.Line2);
        s.PostalCode = Text(Address?.PostalCode);
        s.City = Text(Address?.City);
        s.Country = CountryOf(Address);
        s.Siren = Identifier(Siren);
        s.Siret = Identifier(Siret);
        s.Rcs = Text(Rcs);
        s.VatNumber = Identifier(VatNumber);
        s.ElectronicAddress = Text(ElectronicAddress);
        s.Email = Text(Email);
        s.VatRegime = VatRegime is null ? defaults.VatRegime : VatRegimes.Parse(VatRegime)!.Value;
        s.VatOnDebits = VatOnDebits ?? defaults.VatOnDebits;
        s.PaymentTermsDays = PaymentTermsDays ?? defaults.PaymentTermsDays;
        s.LatePenaltyRate = LatePenaltyRate ?? defaults.LatePenaltyRate;
        s.Iban = Identifier(Iban);
        s.Bic = Identifier(Bic);
        s.InvoicePrefix = InvoicePrefix ?? defaults.InvoicePrefix;
        s.CreditNotePrefix = CreditNotePrefix ?? defaults.CreditNotePrefix;
        s.InvoiceDay = InvoiceDay ?? defaults.InvoiceDay;
        s.AutoIssue = AutoIssue ?? defaults.AutoIssue;
        s.DunningDays = DunningDays?.ToList() ?? defaults.DunningDays;
        s.Language = Language ?? defaults.Language;
    }

    internal static string CountryOf(SettingsAddress? address) =>
        string.IsNullOrWhiteSpace(address?.Country) ? "FR" : address.Country.Trim().ToUpperInvariant();

    internal static string? Identifier(string? value) => string.IsNullOrWhiteSpace(value) ? null : FrenchIdentifiers.Compact(value);

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The VAT regimes' names in the API: <c>standard</c> and <c>franchise-293B</c> (the article's own spelling).</summary>
public static class VatRegimes
{
    public const string Standard = "standard";
    public const string Franchise293B = "franchise-293B";

    public static string Name(VatRegime regime) => regime == Settings.VatRegime.Franchise293B ? Franchise293B : Standard;

    public static VatRegime? Parse(string? name) => name switch
    {
        Standard => Settings.VatRegime.Standard,
        Franchise293B => Settings.VatRegime.Franchise293B,
        _ => null,
    };
}

/// <summary>
/// What a treasurer may save: every identifier checked (SIREN and SIRET keys, the SIRET within the SIREN, the VAT
/// number's key against the SIREN, IBAN mod 97, BIC), and terms within the law (payment within 60 days).
/// The identity may stay incomplete here; issuing refuses what <see cref="SellerIdentity.Missing"/> names.
/// </summary>
public sealed class BillingSettingsValidator : AbstractValidator<BillingSettingsDocument>
{
    private static readonly BillingSettings Defaults = new();

    public BillingSettingsValidator()
    {
        RuleFor(s => s.LegalName).MaximumLength(200).PlainText();
        RuleFor(s => s.LegalForm).MaximumLength(100).PlainText();
        RuleFor(s => s.ShareCapital).GreaterThanOrEqualTo(0m).LessThan(1_000_000_000_000m).PrecisionScale(14, 2, ignoreTrailingZeros: true);
        When(s => s.Address is not null, () =>
        {
            RuleFor(s => s.Address!.Line1).MaximumLength(200).PlainText().OverridePropertyName("address.line1");
            RuleFor(s => s.Address!.Line2).MaximumLength(200).PlainText().OverridePropertyName("address.line2");
            RuleFor(s => s.Address!.PostalCode).MaximumLength(16).PlainText().OverridePropertyName("address.postalCode");
            RuleFor(s => s.Address!.PostalCode).Must(code => FrenchIdentifiers.IsFrenchPostalCode(code!.Trim()))
                .When(s => !string.IsNullOrWhiteSpace(s.Address!.PostalCode) && BillingSettingsDocument.CountryOf(s.Address) == "FR")
                .OverridePropertyName("address.postalCode").WithMessage("A French postal code is five digits.");
            RuleFor(s => s.Address!.City).MaximumLength(120).PlainText().OverridePropertyName("address.city");
            RuleFor(s => s.Address!).Must(a => FrenchIdentifiers.IsCountry(BillingSettingsDocument.CountryOf(a)))
                .OverridePropertyName("address.country").WithMessage("'address.country' must be an ISO 3166 alpha-2 code (FR, BE, DE…).");
        });
        RuleFor(s => BillingSettingsDocument.Identifier(s.Siren)).Must(FrenchIdentifiers.IsSiren).When(s => !string.IsNullOrWhiteSpace(s.Siren))
            .OverridePropertyName("siren").WithMessage("'siren' must be nine digits with a valid check digit (Luhn).");
        RuleFor(s => BillingSettingsDocument.Identifier(s.Siret)).Must(siret => FrenchIdentifiers.IsSiret(siret)).When(s => !string.IsNullOrWhiteSpace(s.Siret))
            .OverridePropertyName("siret").WithMessage("'siret' must be fourteen digits with a valid check digit (Luhn).");
        RuleFor(s => BillingSettingsDocument.Identifier(s.Siret)).Must((s, siret) => siret!.StartsWith(BillingSettingsDocument.Identifier(s.Siren)!, StringComparison.Ordinal))
            .When(s => FrenchIdentifiers.IsSiret(BillingSettingsDocument.Identifier(s.Siret)) && FrenchIdentifiers.IsSiren(BillingSettingsDocument.Identifier(s.Siren)))
            .OverridePropertyName("siret").WithMessage("'siret' must start with the SIREN: it names one establishment of that company.");
        RuleFor(s => s.Rcs).MaximumLength(100).PlainText();
        RuleFor(s => BillingSettingsDocument.Identifier(s.VatNumber)).Must(vat => FrenchIdentifiers.VatNumberProblem(vat!) is null)
            .When(s => !string.IsNullOrWhiteSpace(s.VatNumber))
            .OverridePropertyName("vatNumber").WithMessage(s => FrenchIdentifiers.VatNumberProblem(BillingSettingsDocument.Identifier(s.VatNumber)!));
        RuleFor(s => BillingSettingsDocument.Identifier(s.VatNumber))
            .Must((s, vat) => FrenchIdentifiers.SirenOf(vat) == BillingSettingsDocument.Identifier(s.Siren))
            .When(s => FrenchIdentifiers.IsSiren(BillingSettingsDocument.Identifier(s.Siren)) && FrenchIdentifiers.SirenOf(BillingSettingsDocument.Identifier(s.VatNumber)) is not null)
            .OverridePropertyName("vatNumber").WithMessage("'vatNumber' holds another SIREN than 'siren'.");
        RuleFor(s => s.ElectronicAddress).MaximumLength(254).PlainText();
        RuleFor(s => s.ElectronicAddress!.Trim()).Must(FrenchIdentifiers.IsElectronicAddress).When(s => !string.IsNullOrWhiteSpace(s.ElectronicAddress))
            .OverridePropertyName("electronicAddress")
            .WithMessage("'electronicAddress' must be an e-mail address or a directory address of letters, digits and + - _ . only (such as the SIREN, 123456789, or 123456789_ACCOUNTS): no spaces.");
        RuleFor(s => s.Email).MaximumLength(254).EmailAddress().PlainText().When(s => !string.IsNullOrWhiteSpace(s.Email));
        RuleFor(s => s.VatRegime).Must(r => VatRegimes.Parse(r) is not null).When(s => s.VatRegime is not null)
            .WithMessage($"'vatRegime' must be {VatRegimes.Standard} or {VatRegimes.Franchise293B}.");
        RuleFor(s => s.PaymentTermsDays).InclusiveBetween(0, 60)
            .WithMessage("'paymentTermsDays' must be 0 to 60: French law caps payment terms at 60 days from the invoice.");
        RuleFor(s => s.LatePenaltyRate).InclusiveBetween(0m, 100m).PrecisionScale(5, 2, ignoreTrailingZeros: true);
        RuleFor(s => BillingSettingsDocument.Identifier(s.Iban)).Must(FrenchIdentifiers.IsIban).When(s => !string.IsNullOrWhiteSpace(s.Iban))
            .OverridePropertyName("iban").WithMessage("'iban' is not a valid IBAN (country, check digits, account; the check digits must match).");
        RuleFor(s => BillingSettingsDocument.Identifier(s.Bic)).Must(FrenchIdentifiers.IsBic).When(s => !string.IsNullOrWhiteSpace(s.Bic))
            .OverridePropertyName("bic").WithMessage("'bic' must be a BIC of 8 or 11 letters and digits (bank, country, place, branch).");
        RuleFor(s => s.InvoicePrefix).Matches("^[A-Z0-9-]{1,10}$").WithMessage("'invoicePrefix' must be 1 to 10 capitals, digits or dashes.");
        RuleFor(s => s.CreditNotePrefix).Matches("^[A-Z0-9-]{1,10}$").WithMessage("'creditNotePrefix' must be 1 to 10 capitals, digits or dashes.");
        // Compared as they will be saved: a prefix left out takes its default, and two equal ones would share one series.
        RuleFor(s => s.CreditNotePrefix ?? Defaults.CreditNotePrefix).NotEqual(s => s.InvoicePrefix ?? Defaults.InvoicePrefix).OverridePropertyName("creditNotePrefix")
            .WithMessage("'creditNotePrefix' must differ from 'invoicePrefix': credit notes have their own series.");
        RuleFor(s => s.InvoiceDay).InclusiveBetween(1, 28).WithMessage("'invoiceDay' must be 1 to 28 (a day every month has).");
        RuleFor(s => s.DunningDays).Must(days => days!.Count <= 5).When(s => s.DunningDays is not null)
            .WithMessage("'dunningDays' holds at most 5 steps.");
        RuleFor(s => s.DunningDays).Must(days => days!.All(d => d is >= 1 and <= 365) && days!.Zip(days!.Skip(1)).All(p => p.First < p.Second))
            .When(s => s.DunningDays is not null)
            .WithMessage("'dunningDays' must be days past due from 1 to 365, in ascending order.");
        RuleFor(s => s.Language).Must(l => l is "fr" or "en").When(s => s.Language is not null).WithMessage("'language' must be fr or en.");
        When(s => s.Stripe is not null, () =>
        {
            RuleFor(s => s.Stripe!.PublishableKey).Matches("^pk_(test|live)_[A-Za-z0-9]{8,200}$").When(s => s.Stripe!.PublishableKey is { Length: > 0 })
                .OverridePropertyName("stripe.publishableKey").WithMessage("'stripe.publishableKey' is Stripe's publishable key: pk_live_… or pk_test_….");
            RuleFor(s => s.Stripe!.SecretKey).Matches("^(sk|rk)_(test|live)_[A-Za-z0-9]{8,200}$").When(s => s.Stripe!.SecretKey is { Length: > 0 })
                .OverridePropertyName("stripe.secretKey").WithMessage("'stripe.secretKey' is Stripe's secret (or restricted) key: sk_live_…, rk_live_… or their _test_ forms.");
            RuleFor(s => s.Stripe!.WebhookSecret).Matches("^whsec_[A-Za-z0-9+/=]{8,200}$").When(s => s.Stripe!.WebhookSecret is { Length: > 0 })
                .OverridePropertyName("stripe.webhookSecret").WithMessage("'stripe.webhookSecret' is the signing secret Stripe shows for the webhook endpoint: whsec_….");
            RuleFor(s => s.Stripe!).Must(k => k.PublishableKey!.Contains("_live_", StringComparison.Ordinal) == k.SecretKey!.Contains("_live_", StringComparison.Ordinal))
                .When(s => s.Stripe!.PublishableKey is { Length: > 0 } && s.Stripe!.SecretKey is { Length: > 0 })
                .OverridePropertyName("stripe.secretKey").WithMessage("'stripe.secretKey' and 'stripe.publishableKey' must be both live or both test keys.");
        });
    }
}

/// <summary><c>/settings</c>: the space's identity as a seller and how it invoices (treasurers, owners).</summary>
public static class SettingsApi
{
    private const string Denied = "Only treasurers and owners read and change the billing settings.";

    public static RouteGroupBuilder MapBillingSettings(this RouteGroupBuilder api)
    {
        api.MapGet("/settings", GetAsync).RequireSpaceRole(SpaceAccess.Treasurer, Denied);
        api.MapPut("/settings", PutAsync).RequireSpaceRole(SpaceAccess.Treasurer, Denied).ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    /// <summary>A space nobody configured yet reads the defaults (version 0); the row is written by the first PUT.</summary>
    private static async Task<Ok<BillingSettingsDocument>> GetAsync(BillingDbContext db, CancellationToken ct) =>
        TypedResults.Ok(BillingSettingsDocument.From(await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BillingSettings()));

    private static async Task<Results<Ok<BillingSettingsDocument>, ValidationProblem, ProblemHttpResult>> PutAsync(
        BillingSettingsDocument? document, IValidator<BillingSettingsDocument> validator, BillingDbContext db, ITenantContext tenants, StripeKeys keys,
        CancellationToken ct)
    {
        if (await validator.ValidateBodyAsync(document, ct) is { } invalid)
        {
            return invalid;
        }

        var settings = await db.Settings.FirstOrDefaultAsync(ct);
        var created = settings is null;
        // The space's id is the key: given here, or EF would generate one as for any Guid key.
        settings ??= db.Settings.Add(new BillingSettings { TenantId = tenants.TenantId!.Value }).Entity;
        if (document!.Version is { } read && read != settings.Version)
        {
            return Stale();
        }

        // Issued invoices keep the regime and terms they were issued under (their seller snapshot): changing them here is allowed.
        document.CopyTo(settings);
        keys.Apply(settings, document.Stripe);
        if (await PrefixTakenAsync(db, settings, ct) is { } taken)
        {
            return TypedResults.ValidationProblem(taken);
        }

        settings.Version++;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
        catch (DbUpdateException) when (created)
        {
            // Two first writes at once: the other one created the row.
            return Stale();
        }

        return TypedResults.Ok(BillingSettingsDocument.From(settings));
    }

    /// <summary>
    /// A prefix that already numbers the other kind of document (F and AV swapped, say) would continue that series:
    /// invoices and credit notes would share one. Refused, naming the field.
    /// </summary>
    private static async Task<Dictionary<string, string[]>?> PrefixTakenAsync(BillingDbContext db, BillingSettings settings, CancellationToken ct)
    {
        foreach (var (field, prefix, other, otherName) in new[]
        {
            ("invoicePrefix", settings.InvoicePrefix, DocumentKind.CreditNote, "credit notes"),
            ("creditNotePrefix", settings.CreditNotePrefix, DocumentKind.Invoice, "invoices"),
        })
        {
            // A series is "{prefix}-{year}".
            var start = prefix + "-";
            var length = prefix.Length + 5;
            if (await db.Invoices.AnyAsync(i => i.Kind == other && i.Series != null && i.Series.StartsWith(start) && i.Series.Length == length, ct))
            {
                return new() { [field] = [$"'{field}' {prefix} already numbers this space's {otherName}: each kind keeps its own series."] };
            }
        }

        return null;
    }

    private static ProblemHttpResult Stale() =>
        ProblemResults.Conflict("The billing settings were changed by someone else meanwhile: read them again and redo the change.");
}
