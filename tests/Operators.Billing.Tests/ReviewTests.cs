using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts;
using Operators.Contracts.Membership;

namespace Operators.Billing.Tests;

/// <summary>What a review of the first billing release found, each kept from coming back.</summary>
public sealed partial class BillingApiTests
{
    [Test]
    public async Task An_electronic_address_the_french_rules_would_refuse_is_refused_when_saved()
    {
        var space = await SpaceAsync("electronic-address");
        using var treasurer = Treasurer(space);
        var spaced = SellerSettings();
        spaced["electronicAddress"] = "732 829 320";
        var named = SellerSettings();
        named["electronicAddress"] = "Grange Numérique";
        var routed = SellerSettings();
        routed["electronicAddress"] = "732829320_COMPTA";
        var mail = SellerSettings();
        mail["electronicAddress"] = "factures@laruche.test";

        using var refusedSpaced = await PutSettingsAsync(treasurer, spaced);
        using var refusedNamed = await PutSettingsAsync(treasurer, named);
        using var savedRouted = await PutSettingsAsync(treasurer, routed);
        using var savedMail = await PutSettingsAsync(treasurer, mail);

        Assert.Multiple(async () =>
        {
            Assert.That((await ErrorsAsync(refusedSpaced)).Select(e => e.Key), Is.EqualTo(new[] { "electronicAddress" }));
            Assert.That((await ErrorsAsync(refusedNamed)).Select(e => e.Key), Is.EqualTo(new[] { "electronicAddress" }));
            Assert.That(savedRouted.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(savedMail.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task Prefixes_swapped_between_invoices_and_credit_notes_are_refused_so_that_each_keeps_its_series()
    {
        var space = await SpaceAsync("prefix-swap");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var company = await CompanyCustomerAsync(space, "Atelier Préfixe");
        var invoice = await IssuedAsync(treasurer, company, Line("Bureau", 1, 100));
        await PostAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}/credit-notes", new JsonObject { ["lines"] = new JsonArray(Line("Remise", 1, 10)) }, HttpStatusCode.Created);
        var swapped = SellerSettings();
        swapped["invoicePrefix"] = "AV";
        swapped["creditNotePrefix"] = "F";
        var renamed = SellerSettings();
        renamed["invoicePrefix"] = "FAC";

        using var refused = await PutSettingsAsync(treasurer, swapped);
        var unchanged = await GetJsonAsync(treasurer, SettingsPath);
        using var saved = await PutSettingsAsync(treasurer, renamed);
        var next = await IssuedAsync(treasurer, company, Line("Bureau", 1, 100));

        Assert.Multiple(async () =>
        {
            Assert.That((await ErrorsAsync(refused)).Select(e => e.Key), Is.EqualTo(new[] { "invoicePrefix" }));
            Assert.That(unchanged["invoicePrefix"]!.GetValue<string>(), Is.EqualTo("F"), "nothing was saved");
            Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(next["number"]!.GetValue<string>(), Does.Match(@"^FAC-\d{4}-00001$"));
        });
    }

    [Test]
    public async Task A_customer_with_neither_an_email_nor_a_siren_cannot_be_invoiced_yet()
    {
        var space = await SpaceAsync("no-electronic-address");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var id = Guid.NewGuid();
        await host.PublishAsync(space, new CompanyChanged(id, "Brussels Hub", new BillingDetails(
            "Brussels Hub SRL", new Address("Rue Haute 1", null, "1000", "Bruxelles", "BE"), true, null, null, null)));
        await CustomerKnownAsync(space, id, "Brussels Hub");
        var draft = await PostAsync(treasurer, "/api/billing/invoices", Draft(id, Line("Bureau", 1, 100)), HttpStatusCode.Created);

        using var refused = await treasurer.PostAsync(new Uri($"/api/billing/invoices/{draft["id"]}/issue", UriKind.Relative), null);
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{draft["id"]}");

        Assert.Multiple(async () =>
        {
            Assert.That((await OperatorsClient.ProblemAsync(refused, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("e-mail"));
            Assert.That(after["status"]!.GetValue<string>(), Is.EqualTo("draft"));
        });
    }

    [Test]
    public async Task A_quantity_too_large_to_multiply_is_refused_naming_it_not_a_server_error()
    {
        var space = await SpaceAsync("overflow");
        using var treasurer = Treasurer(space);
        var customer = await MemberCustomerAsync(space, "Olga Overflow", Address("Olga Overflow"));
        var draft = Draft(customer, Line("Trop", 10_000_000_000_000_000_000_000_000_000m, 10));

        using var refused = await treasurer.PostAsJsonAsync("/api/billing/invoices", draft);

        Assert.That((await ErrorsAsync(refused)).Select(e => e.Key), Is.EqualTo(new[] { "lines[0].quantity" }));
    }

    [Test]
    public async Task Small_credit_notes_cannot_credit_more_vat_at_a_rate_than_the_invoice_charged()
    {
        var space = await SpaceAsync("credit-vat");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var company = await CompanyCustomerAsync(space, "Atelier Centimes");
        // 0.06 at 20 % is 0.012 of VAT, rounded to 0.01; a credit of 0.03 rounds its 0.006 up to 0.01 too.
        var invoice = await IssuedAsync(treasurer, company, Line("Café", 1, 0.06m), Line("Salle", 1, 10, 10m));
        var path = $"/api/billing/invoices/{invoice["id"]}/credit-notes";

        var first = await PostAsync(treasurer, path, new JsonObject { ["lines"] = new JsonArray(Line("Café", 1, 0.03m)) }, HttpStatusCode.Created);
        using var second = await treasurer.PostAsJsonAsync(path, new JsonObject { ["lines"] = new JsonArray(Line("Café", 1, 0.03m)) });
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}");

        Assert.Multiple(async () =>
        {
            Assert.That(Amount(first["totals"]!["vatTotal"]), Is.EqualTo(0.01m));
            Assert.That((await OperatorsClient.ProblemAsync(second, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("of VAT"));
            Assert.That(after["creditedBy"]!.AsArray(), Has.Count.EqualTo(1));
        });
    }

    [Test]
    public async Task A_credit_note_issued_after_moving_to_the_franchise_restates_the_vat_number_the_invoice_charged_vat_under()
    {
        var space = await SpaceAsync("credit-after-franchise");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var company = await CompanyCustomerAsync(space, "Atelier Franchise");
        var invoice = await IssuedAsync(treasurer, company, Line("Bureau", 1, 100));
        var settings = await GetJsonAsync(treasurer, SettingsPath);
        var franchise = SellerSettings("franchise-293B");
        franchise["version"] = settings["version"]!.GetValue<int>();
        using (var moved = await PutSettingsAsync(treasurer, franchise))
        {
            await OperatorsClient.ExpectAsync(moved, HttpStatusCode.OK);
        }

        var credit = await PostAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}/credit-notes", new JsonObject(), HttpStatusCode.Created);
        using var xml = await treasurer.GetAsync(new Uri($"/api/billing/invoices/{credit["id"]}/factur-x.xml", UriKind.Relative));
        var text = await xml.Content.ReadAsStringAsync();

        Assert.Multiple(() =>
        {
            Assert.That(Amount(credit["totals"]!["vatTotal"]), Is.EqualTo(20m), "VAT credited as it was charged");
            Assert.That(text, Does.Contain("schemeID=\"VA\">FR44732829320<"), "the seller's VAT number (BR-S-02)");
        });
    }
}
