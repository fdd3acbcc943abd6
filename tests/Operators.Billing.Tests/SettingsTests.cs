using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Billing.Settings;
using Operators.ServiceDefaults.Validation;

namespace Operators.Billing.Tests;

public sealed partial class BillingApiTests
{
    private const string SettingsPath = "/api/billing/settings";

    /// <summary>A complete identity, typed the way people copy it from a letterhead (spaces in the identifiers).</summary>
    private static JsonObject FullSettings(int? version = null)
    {
        var settings = new JsonObject
        {
            ["legalName"] = "La Ruche SAS",
            ["legalForm"] = "SAS",
            ["shareCapital"] = 10000m,
            ["address"] = new JsonObject { ["line1"] = "3 place du Marché", ["line2"] = "Bâtiment B", ["postalCode"] = "69002", ["city"] = "Lyon", ["country"] = "fr" },
            ["siren"] = "732 829 320",
            ["siret"] = "732 829 320 00009",
            ["rcs"] = "RCS Lyon 732 829 320",
            ["vatNumber"] = "FR 44 732829320",
            ["electronicAddress"] = "732829320@ppf.example",
            ["email"] = "compta@laruche.example",
            ["vatRegime"] = "standard",
            ["vatOnDebits"] = true,
            ["paymentTermsDays"] = 45,
            ["latePenaltyRate"] = 10.5m,
            ["iban"] = "FR76 3000 6000 0112 3456 7890 189",
            ["bic"] = "BNPAFRPPXXX",
            ["invoicePrefix"] = "FA",
            ["creditNotePrefix"] = "AV-",
            ["invoiceDay"] = 28,
            ["autoIssue"] = true,
            ["dunningDays"] = new JsonArray(5, 10, 20, 40, 365),
            ["language"] = "en",
        };
        if (version is not null)
        {
            settings["version"] = version;
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> PutSettingsAsync(HttpClient client, JsonObject settings) =>
        await client.PutAsJsonAsync(new Uri(SettingsPath, UriKind.Relative), settings);

    [Test]
    public async Task A_space_nobody_configured_reads_the_defaults()
    {
        var space = await SpaceAsync("settings-defaults");
        using var treasurer = Treasurer(space);

        var settings = await GetJsonAsync(treasurer, SettingsPath);

        Assert.Multiple(() =>
        {
            Assert.That(settings["legalName"], Is.Null);
            Assert.That(settings["siren"], Is.Null);
            Assert.That(settings["address"]!["country"]!.GetValue<string>(), Is.EqualTo("FR"));
            Assert.That(settings["address"]!["line1"], Is.Null);
            Assert.That(settings["vatRegime"]!.GetValue<string>(), Is.EqualTo("standard"));
            Assert.That(settings["vatOnDebits"]!.GetValue<bool>(), Is.False);
            Assert.That(settings["paymentTermsDays"]!.GetValue<int>(), Is.EqualTo(30));
            Assert.That(settings["latePenaltyRate"]!.GetValue<decimal>(), Is.EqualTo(12m));
            Assert.That(settings["invoicePrefix"]!.GetValue<string>(), Is.EqualTo("F"));
            Assert.That(settings["creditNotePrefix"]!.GetValue<string>(), Is.EqualTo("AV"));
            Assert.That(settings["invoiceDay"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(settings["autoIssue"]!.GetValue<bool>(), Is.False);
            Assert.That(settings["dunningDays"]!.AsArray().Select(d => d!.GetValue<int>()), Is.EqualTo(new[] { 7, 15, 30 }));
            Assert.That(settings["language"]!.GetValue<string>(), Is.EqualTo("fr"));
            Assert.That(settings["version"]!.GetValue<int>(), Is.Zero);
            Assert.That((settings["stripe"]!["publishableKey"], settings["stripe"]!["secretKeySet"]!.GetValue<bool>(), settings["stripe"]!["webhookSecretSet"]!.GetValue<bool>()), Is.EqualTo(((JsonNode?)null, false, false)), "no Stripe keys: online payment off");
        });
    }

    [Test]
    public async Task Treasurers_and_owners_save_the_settings_identifiers_compacted_and_others_are_refused()
    {
        var space = await SpaceAsync("settings-save");
        using var treasurer = Treasurer(space);
        using var owner = Owner(space);
        using var op = Operator(space);
        using var member = As(space, Guid.NewGuid());

        using (var put = await PutSettingsAsync(treasurer, FullSettings(version: 0)))
        {
            await OperatorsClient.ExpectAsync(put, HttpStatusCode.OK);
        }

        var saved = await GetJsonAsync(owner, SettingsPath);
        await OperatorsClient.ProblemAsync(await op.GetAsync(new Uri(SettingsPath, UriKind.Relative)), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await member.GetAsync(new Uri(SettingsPath, UriKind.Relative)), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await PutSettingsAsync(op, FullSettings()), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await PutSettingsAsync(member, FullSettings()), HttpStatusCode.Forbidden);
        var untouched = await GetJsonAsync(owner, SettingsPath);

        Assert.Multiple(() =>
        {
            Assert.That(saved["legalName"]!.GetValue<string>(), Is.EqualTo("La Ruche SAS"));
            Assert.That(saved["shareCapital"]!.GetValue<decimal>(), Is.EqualTo(10000m));
            Assert.That(saved["address"]!["line2"]!.GetValue<string>(), Is.EqualTo("Bâtiment B"));
            Assert.That(saved["address"]!["country"]!.GetValue<string>(), Is.EqualTo("FR"));
            Assert.That(saved["siren"]!.GetValue<string>(), Is.EqualTo("732829320"));
            Assert.That(saved["siret"]!.GetValue<string>(), Is.EqualTo("73282932000009"));
            Assert.That(saved["vatNumber"]!.GetValue<string>(), Is.EqualTo("FR44732829320"));
            Assert.That(saved["rcs"]!.GetValue<string>(), Is.EqualTo("RCS Lyon 732 829 320"), "free text, kept as typed");
            Assert.That(saved["iban"]!.GetValue<string>(), Is.EqualTo("FR7630006000011234567890189"));
            Assert.That(saved["vatOnDebits"]!.GetValue<bool>(), Is.True);
            Assert.That(saved["paymentTermsDays"]!.GetValue<int>(), Is.EqualTo(45));
            Assert.That(saved["latePenaltyRate"]!.GetValue<decimal>(), Is.EqualTo(10.5m));
            Assert.That(saved["creditNotePrefix"]!.GetValue<string>(), Is.EqualTo("AV-"));
            Assert.That(saved["invoiceDay"]!.GetValue<int>(), Is.EqualTo(28));
            Assert.That(saved["dunningDays"]!.AsArray().Select(d => d!.GetValue<int>()), Is.EqualTo(new[] { 5, 10, 20, 40, 365 }));
            Assert.That(saved["language"]!.GetValue<string>(), Is.EqualTo("en"));
            Assert.That(saved["version"]!.GetValue<int>(), Is.EqualTo(1));
            Assert.That(untouched.ToJsonString(), Is.EqualTo(saved.ToJsonString()), "refused writes change nothing");
        });
    }

    [Test]
    public async Task A_write_based_on_an_old_read_is_refused_with_409_and_the_regime_can_change()
    {
        var space = await SpaceAsync("settings-stale");
        using var treasurer = Treasurer(space);
        using var owner = Owner(space);
        using (var first = await PutSettingsAsync(treasurer, FullSettings(version: 0)))
        {
            await OperatorsClient.ExpectAsync(first, HttpStatusCode.OK);
        }

        // The owner read version 0 too, before the treasurer's write: their write would undo it unseen.
        var stale = FullSettings(version: 0);
        stale["legalName"] = "Ancien nom";
        var conflict = await OperatorsClient.ProblemAsync(await PutSettingsAsync(owner, stale), HttpStatusCode.Conflict);
        using var another = Treasurer(await SpaceAsync("settings-stale-new"));
        var firstTime = await OperatorsClient.ProblemAsync(await PutSettingsAsync(another, FullSettings(version: 3)), HttpStatusCode.Conflict);

        // Read again, switch to the VAT franchise (no VAT number needed there), and write: accepted.
        var fresh = await GetJsonAsync(owner, SettingsPath);
        fresh["vatRegime"] = "franchise-293B";
        fresh["vatNumber"] = null;
        using (var second = await PutSettingsAsync(owner, fresh))
        {
            await OperatorsClient.ExpectAsync(second, HttpStatusCode.OK);
        }

        var after = await GetJsonAsync(treasurer, SettingsPath);
        Assert.Multiple(() =>
        {
            Assert.That(conflict["detail"]!.GetValue<string>(), Does.Contain("read them again"));
            Assert.That(firstTime["status"]!.GetValue<int>(), Is.EqualTo(409), "a version nobody read, even on a space never configured");
            Assert.That(after["legalName"]!.GetValue<string>(), Is.EqualTo("La Ruche SAS"));
            Assert.That(after["vatRegime"]!.GetValue<string>(), Is.EqualTo("franchise-293B"));
            Assert.That(after["vatNumber"], Is.Null);
            Assert.That(after["version"]!.GetValue<int>(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task Bad_settings_are_refused_with_400_naming_each_field()
    {
        var space = await SpaceAsync("settings-bad");
        using var treasurer = Treasurer(space);
        var bad = FullSettings();
        bad["legalName"] = "La Ruche\u0007";
        bad["shareCapital"] = -1m;
        bad["address"]!["postalCode"] = "6900";
        bad["siren"] = "732829321";
        bad["siret"] = "73282932000008";
        bad["vatNumber"] = "FR45732829320";
        bad["email"] = "not an email";
        bad["vatRegime"] = "franchise";
        bad["paymentTermsDays"] = 61;
        bad["latePenaltyRate"] = 100.01m;
        bad["iban"] = "FR7630006000011234567890188";
        bad["bic"] = "BNPA-FR";
        bad["invoicePrefix"] = "fa";
        bad["creditNotePrefix"] = "AVOIRS-2027";
        bad["invoiceDay"] = 29;
        bad["dunningDays"] = new JsonArray(15, 7);
        bad["language"] = "de";
        var errors = await ErrorsAsync(await PutSettingsAsync(treasurer, bad));

        // Identifiers valid one by one, not together.
        var mismatched = FullSettings();
        mismatched["siret"] = "55208131700018";
        mismatched["vatNumber"] = "FR03552081317";
        var mismatch = await ErrorsAsync(await PutSettingsAsync(treasurer, mismatched));

        var more = FullSettings();
        more["dunningDays"] = new JsonArray(1, 2, 3, 4, 5, 6);
        more["address"]!["country"] = "ZZ";
        more["paymentTermsDays"] = -1;
        more["invoiceDay"] = 0;
        more["latePenaltyRate"] = -0.5m;
        more["creditNotePrefix"] = "FA";
        var others = await ErrorsAsync(await PutSettingsAsync(treasurer, more));
        // Left out, the invoice prefix takes its default F: a credit-note prefix F would share its series.
        var shared = FullSettings();
        shared.Remove("invoicePrefix");
        shared["creditNotePrefix"] = "F";
        var sharedSeries = await ErrorsAsync(await PutSettingsAsync(treasurer, shared));
        var belgian = FullSettings();
        belgian["address"] = new JsonObject { ["line1"] = "Rue Neuve 1", ["postalCode"] = "1000", ["city"] = "Bruxelles", ["country"] = "BE" };
        using (var abroad = await PutSettingsAsync(treasurer, belgian))
        {
            await OperatorsClient.ExpectAsync(abroad, HttpStatusCode.OK);
        }

        using var empty = await treasurer.PutAsync(new Uri(SettingsPath, UriKind.Relative), JsonContent.Create<JsonObject?>(null));
        var noBody = await ErrorsAsync(empty);
        var unchanged = await GetJsonAsync(treasurer, SettingsPath);

        Assert.Multiple(() =>
        {
            Assert.That(errors.Select(e => e.Key), Is.EquivalentTo(new[]
            {
                "legalName", "shareCapital", "address.postalCode", "siren", "siret", "vatNumber", "email", "vatRegime", "paymentTermsDays",
                "latePenaltyRate", "iban", "bic", "invoicePrefix", "creditNotePrefix", "invoiceDay", "dunningDays", "language",
            }));
            Assert.That(errors["vatNumber"]![0]!.GetValue<string>(), Does.Contain("key"));
            Assert.That(errors["paymentTermsDays"]![0]!.GetValue<string>(), Does.Contain("60 days"));
            Assert.That(mismatch.Select(e => e.Key), Is.EquivalentTo(new[] { "siret", "vatNumber" }));
            Assert.That(mismatch["siret"]![0]!.GetValue<string>(), Does.Contain("SIREN"));
            Assert.That(others.Select(e => e.Key), Is.EquivalentTo(new[] { "dunningDays", "address.country", "paymentTermsDays", "invoiceDay", "latePenaltyRate", "creditNotePrefix" }));
            Assert.That(noBody.Select(e => e.Key), Is.EqualTo(new[] { "body" }));
            Assert.That(sharedSeries.Select(e => e.Key), Is.EqualTo(new[] { "creditNotePrefix" }));
            Assert.That(unchanged["address"]!["postalCode"]!.GetValue<string>(), Is.EqualTo("1000"), "a foreign postal code is not French");
        });
    }
}

/// <summary>What issuing needs of the seller, and the copy an issued document keeps.</summary>
public sealed class SellerIdentityTests
{
    private static BillingSettings Complete() => new()
    {
        LegalName = "La Ruche",
        LegalForm = "Association loi 1901",
        Line1 = "3 place du Marché",
        PostalCode = "69002",
        City = "Lyon",
        Siren = "732829320",
        Siret = "73282932000009",
        VatNumber = "FR44732829320",
        ElectronicAddress = "732829320@ppf.example",
        Email = "compta@laruche.example",
        Iban = "FR7630006000011234567890189",
        Bic = "BNPAFRPPXXX",
        PaymentTermsDays = 15,
        LatePenaltyRate = 9.5m,
        VatOnDebits = true,
    };

    [Test]
    public void Nothing_configured_misses_the_whole_identity_with_the_VAT_number()
    {
        Assert.That(SellerIdentity.Missing(null), Is.EqualTo(new[] { "legalName", "legalForm", "address", "siren", "siret", "vatNumber", "electronicAddress" }));
        Assert.That(SellerIdentity.Missing(new BillingSettings()), Is.EqualTo(SellerIdentity.Missing(null)));
    }

    [Test]
    public void A_complete_identity_misses_nothing_even_without_share_capital()
    {
        var settings = Complete();
        Assert.That(settings.ShareCapital, Is.Null);
        Assert.That(SellerIdentity.Missing(settings), Is.Empty);
    }

    [Test]
    public void The_VAT_number_is_required_only_outside_the_franchise()
    {
        var settings = Complete();
        settings.VatNumber = null;
        Assert.That(SellerIdentity.Missing(settings), Is.EqualTo(new[] { "vatNumber" }));
        settings.VatRegime = VatRegime.Franchise293B;
        Assert.That(SellerIdentity.Missing(settings), Is.Empty);
    }

    [Test]
    public void An_address_without_its_city_or_postal_code_is_missing()
    {
        var settings = Complete();
        settings.City = " ";
        Assert.That(SellerIdentity.Missing(settings), Is.EqualTo(new[] { "address" }));
        settings = Complete();
        settings.PostalCode = null;
        settings.ElectronicAddress = "";
        Assert.That(SellerIdentity.Missing(settings), Is.EqualTo(new[] { "address", "electronicAddress" }));
    }

    [Test]
    public void The_snapshot_copies_the_identity_and_the_terms()
    {
        var settings = Complete();
        settings.Line2 = "Bâtiment B";
        settings.ShareCapital = 1500m;
        settings.Rcs = "RCS Lyon 732 829 320";
        var snapshot = SellerIdentity.Snapshot(settings);
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Party.Name, Is.EqualTo("La Ruche"));
            Assert.That(snapshot.Party.Address, Is.EqualTo(new Contracts.Address("3 place du Marché", "Bâtiment B", "69002", "Lyon", "FR")));
            Assert.That(snapshot.Party.IsBusiness, Is.True);
            Assert.That((snapshot.Party.Siren, snapshot.Party.Siret, snapshot.Party.VatNumber), Is.EqualTo(("732829320", "73282932000009", "FR44732829320")));
            Assert.That((snapshot.Party.Email, snapshot.Party.ElectronicAddress), Is.EqualTo(("compta@laruche.example", "732829320@ppf.example")));
            Assert.That((snapshot.Party.LegalForm, snapshot.Party.ShareCapital, snapshot.Party.Rcs), Is.EqualTo(("Association loi 1901", (decimal?)1500m, "RCS Lyon 732 829 320")));
            Assert.That(snapshot.VatFranchise, Is.False);
            Assert.That(snapshot.VatOnDebits, Is.True);
            Assert.That((snapshot.PaymentTermsDays, snapshot.LatePenaltyRate), Is.EqualTo((15, 9.5m)));
            Assert.That((snapshot.Iban, snapshot.Bic), Is.EqualTo(("FR7630006000011234567890189", "BNPAFRPPXXX")));
        });
        settings.VatRegime = VatRegime.Franchise293B;
        Assert.That(SellerIdentity.Snapshot(settings).VatFranchise, Is.True);
    }

    [Test]
    public void An_incomplete_identity_has_no_snapshot()
    {
        var settings = Complete();
        settings.Siret = null;
        Assert.That(() => SellerIdentity.Snapshot(settings), Throws.InvalidOperationException.With.Message.Contains("siret"));
    }
}

/// <summary>The identifiers billing adds to the shared checks: SIRET, IBAN and BIC.</summary>
public sealed class SellerIdentifierTests
{
    [TestCase("73282932000009", null, true)]
    [TestCase("73282932000009", "732829320", true)]
    [TestCase("73282932000009", "552081317", false)]
    [TestCase("73282932000008", null, false)]
    [TestCase("7328293200000", null, false)]
    [TestCase("7328293200000A", null, false)]
    // La Poste: its head office has a Luhn key, its establishments digits adding up to a multiple of 5.
    [TestCase("35600000000048", "356000000", true)]
    [TestCase("35600000049837", "356000000", true)]
    [TestCase("35600000000049", "356000000", false)]
    [TestCase("73282932000013", null, false)] // digits adding up to a multiple of 5 count only for La Poste
    public void Sirets(string siret, string? siren, bool valid) => Assert.That(FrenchIdentifiers.IsSiret(siret, siren), Is.EqualTo(valid));

    [TestCase("FR7630006000011234567890189", true)]
    [TestCase("DE89370400440532013000", true)]
    [TestCase("BE68539007547034", true)]
    [TestCase("FR7630006000011234567890188", false)]
    [TestCase("ZZ7630006000011234567890189", false)]
    [TestCase("FR76", false)]
    [TestCase("fr7630006000011234567890189", false)]
    public void Ibans(string iban, bool valid) => Assert.That(FrenchIdentifiers.IsIban(iban), Is.EqualTo(valid));

    [TestCase("BNPAFRPP", true)]
    [TestCase("BNPAFRPPXXX", true)]
    [TestCase("CEPAFRPP751", true)]
    [TestCase("BNPAZZPP", false)]
    [TestCase("BNPAFRP", false)]
    [TestCase("BNP1FRPP", false)]
    public void Bics(string bic, bool valid) => Assert.That(FrenchIdentifiers.IsBic(bic), Is.EqualTo(valid));
}
