using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts;
using Operators.Contracts.Billing;
using Operators.Contracts.Membership;

namespace Operators.Billing.Tests;

public sealed partial class BillingApiTests
{
    /// <summary>The legal identity every invoice must state, as a treasurer fills it in.</summary>
    private static JsonObject SellerSettings(string vatRegime = "standard") => new()
    {
        ["legalName"] = "La Ruche du Val",
        ["legalForm"] = vatRegime == "standard" ? "SAS" : "Association loi 1901",
        ["shareCapital"] = vatRegime == "standard" ? 10000 : null,
        ["address"] = new JsonObject { ["line1"] = "2 rue de la Gare", ["postalCode"] = "26400", ["city"] = "Crest", ["country"] = "FR" },
        ["siren"] = "732829320",
        ["siret"] = "73282932000074",
        ["rcs"] = vatRegime == "standard" ? "RCS Romans 732 829 320" : null,
        ["vatNumber"] = vatRegime == "standard" ? "FR44732829320" : null,
        ["electronicAddress"] = "732829320",
        ["email"] = "tresorerie@laruche.test",
        ["vatRegime"] = vatRegime,
        ["vatOnDebits"] = false,
        ["paymentTermsDays"] = 30,
        ["latePenaltyRate"] = 12,
        ["iban"] = "FR7630006000011234567890189",
        ["bic"] = "AGRIFRPP",
        ["invoicePrefix"] = "F",
        ["creditNotePrefix"] = "AV",
        ["invoiceDay"] = 1,
        ["autoIssue"] = false,
        ["dunningDays"] = new JsonArray(7, 15, 30),
        ["language"] = "fr",
    };

    private async Task ReadyToIssueAsync(Guid space, string vatRegime = "standard")
    {
        using var treasurer = Treasurer(space);
        using var response = await treasurer.PutAsJsonAsync("/api/billing/settings", SellerSettings(vatRegime));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    private static BillingDetails Address(string name, bool business = false, string? siren = null, string? vatNumber = null, string city = "Crest") =>
        new(name, new Address("5 chemin des Vignes", null, "26400", city, "FR"), business, siren, vatNumber, null);

    private static JsonObject Line(string description, decimal quantity, decimal unitPrice, decimal vatRate = 20m, string? unit = null) => new()
    {
        ["description"] = description,
        ["quantity"] = quantity,
        ["unitPrice"] = unitPrice,
        ["vatRate"] = vatRate,
        ["unit"] = unit,
    };

    private static JsonObject Draft(Guid customer, params JsonObject[] lines) => new()
    {
        ["customerId"] = customer.ToString(),
        ["lines"] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray()),
    };

    private static async Task<JsonObject> PostAsync(HttpClient client, string path, JsonNode? body, HttpStatusCode expected)
    {
        using var response = await client.PostAsJsonAsync(path, body);
        await OperatorsClient.ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static decimal Amount(JsonNode? money) => money!["amount"]!.GetValue<decimal>();

    /// <summary>A draft for <paramref name="customer"/>, issued: its document.</summary>
    private static async Task<JsonObject> IssuedAsync(HttpClient treasurer, Guid customer, params JsonObject[] lines)
    {
        var draft = await PostAsync(treasurer, "/api/billing/invoices", Draft(customer, lines), HttpStatusCode.Created);
        return await PostAsync(treasurer, $"/api/billing/invoices/{draft["id"]}/issue", null, HttpStatusCode.OK);
    }

    [Test]
    public async Task A_draft_is_edited_then_issued_with_the_next_number_its_customer_copied_and_its_original_stored()
    {
        var space = await SpaceAsync("issue");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var alice = await MemberCustomerAsync(space, "Alice Issue", Address("Alice Martin"));

        var draft = await PostAsync(treasurer, "/api/billing/invoices", Draft(alice, Line("Journée coworking", 3, 15)), HttpStatusCode.Created);
        var id = draft["id"]!.GetValue<string>();
        // The id as every route writes it, on SQLite too (the intranet's edit form selects the customer by it).
        Assert.That(draft["customer"]!["id"]!.GetValue<string>(), Is.EqualTo(alice.ToString()));
        using (var edited = await treasurer.PutAsJsonAsync($"/api/billing/invoices/{id}", Draft(alice, Line("Journée coworking", 4, 15), Line("Café", 3, 1.2m, 10m))))
        {
            await OperatorsClient.ExpectAsync(edited, HttpStatusCode.OK);
        }

        var issued = await PostAsync(treasurer, $"/api/billing/invoices/{id}/issue", null, HttpStatusCode.OK);
        var second = await IssuedAsync(treasurer, alice, Line("Salle de réunion", 2, 25, unit: "HUR"));
        // The customer moves: the issued invoice keeps the address it was issued to.
        await host.PublishAsync(space, new MemberBillingDetailsChanged(alice, "alice@example.test", "Alice Issue", Address("Alice Martin", city: "Die"), null));
        await Eventually.MatchAsync(
            async () => (await GetArrayAsync(treasurer, "/api/billing/customers")).Single(c => c!["id"]!.GetValue<string>() == alice.ToString())!["billing"]?["address"]?["city"]?.GetValue<string>(),
            city => city == "Die", TimeSpan.FromSeconds(30), "the new address to reach billing");
        var reread = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        using var pdf1 = await treasurer.GetAsync(new Uri($"/api/billing/invoices/{id}/pdf", UriKind.Relative));
        using var pdf2 = await treasurer.GetAsync(new Uri($"/api/billing/invoices/{id}/pdf", UriKind.Relative));
        using var xml = await treasurer.GetAsync(new Uri($"/api/billing/invoices/{id}/factur-x.xml", UriKind.Relative));
        using var draftPdf = await treasurer.GetAsync(new Uri($"/api/billing/invoices/{draft["id"]}/pdf".Replace(id, Guid.NewGuid().ToString(), StringComparison.Ordinal), UriKind.Relative));
        var published = await PublishedAsync<InvoiceIssued>(e => e.MemberId == alice, 2, "both invoices announced");
        var issueDate = DateOnly.Parse(issued["issueDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);

        Assert.Multiple(async () =>
        {
            Assert.That(draft["number"], Is.Null);
            Assert.That(draft["status"]!.GetValue<string>(), Is.EqualTo("draft"));
            Assert.That(issued["number"]!.GetValue<string>(), Is.EqualTo($"F-{issueDate.Year}-00001"));
            Assert.That(second["number"]!.GetValue<string>(), Is.EqualTo($"F-{issueDate.Year}-00002"));
            Assert.That(issued["status"]!.GetValue<string>(), Is.EqualTo("issued"));
            Assert.That(DateOnly.Parse(issued["dueDate"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.EqualTo(issueDate.AddDays(30)));
            // 4 × 15 = 60.00 at 20 % and 3 × 1.20 = 3.60 at 10 %: VAT 12.00 + 0.36.
            Assert.That(Amount(issued["totals"]!["net"]), Is.EqualTo(63.60m));
            Assert.That(issued["totals"]!["vat"]!.AsArray().Select(v => (v!["rate"]!.GetValue<decimal>(), Amount(v["amount"]))), Is.EqualTo(new[] { (20m, 12.00m), (10m, 0.36m) }));
            Assert.That(Amount(issued["totals"]!["gross"]), Is.EqualTo(75.96m));
            Assert.That(Amount(issued["amountDue"]), Is.EqualTo(75.96m));
            Assert.That(reread["customer"]!["address"]!["city"]!.GetValue<string>(), Is.EqualTo("Crest"), "the address at issue, not the new one");
            Assert.That(pdf1.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(await pdf1.Content.ReadAsByteArrayAsync(), Is.EqualTo(await pdf2.Content.ReadAsByteArrayAsync()), "the stored original, served as stored");
            Assert.That(xml.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(draftPdf.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(published.Select(e => e.Number), Is.EquivalentTo(new[] { issued["number"]!.GetValue<string>(), second["number"]!.GetValue<string>() }));
            Assert.That(published[0].Kind, Is.EqualTo(DocumentKinds.Invoice));
        });
    }

    [Test]
    public async Task An_issued_invoice_refuses_every_change_through_the_api()
    {
        var space = await SpaceAsync("frozen");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var bob = await MemberCustomerAsync(space, "Bob Frozen", Address("Bob Frozen"));
        var issued = await IssuedAsync(treasurer, bob, Line("Journée", 1, 20));
        var id = issued["id"]!.GetValue<string>();

        using var put = await treasurer.PutAsJsonAsync($"/api/billing/invoices/{id}", Draft(bob, Line("Autre", 1, 1)));
        using var delete = await treasurer.DeleteAsync(new Uri($"/api/billing/invoices/{id}", UriKind.Relative));
        using var again = await treasurer.PostAsync(new Uri($"/api/billing/invoices/{id}/issue", UriKind.Relative), null);
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");

        Assert.Multiple(async () =>
        {
            Assert.That((await OperatorsClient.ProblemAsync(put, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("credit note"));
            Assert.That(delete.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That((await OperatorsClient.ProblemAsync(again, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("already issued"));
            Assert.That(after["lines"]!.AsArray().Single()!["description"]!.GetValue<string>(), Is.EqualTo("Journée"));
        });
    }

    [Test]
    public async Task Issuing_without_the_sellers_legal_identity_is_refused_naming_what_is_missing_and_takes_no_number()
    {
        var space = await SpaceAsync("no-identity");
        using var treasurer = Treasurer(space);
        var carol = await MemberCustomerAsync(space, "Carol Nobody", Address("Carol Nobody"));
        var draft = await PostAsync(treasurer, "/api/billing/invoices", Draft(carol, Line("Journée", 1, 20)), HttpStatusCode.Created);

        using var refused = await treasurer.PostAsync(new Uri($"/api/billing/invoices/{draft["id"]}/issue", UriKind.Relative), null);
        var problem = await OperatorsClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        await ReadyToIssueAsync(space);
        var issued = await PostAsync(treasurer, $"/api/billing/invoices/{draft["id"]}/issue", null, HttpStatusCode.OK);

        Assert.Multiple(() =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("legalName").And.Contain("siren").And.Contain("vatNumber"));
            Assert.That(issued["number"]!.GetValue<string>(), Does.EndWith("-00001"), "the refusal used no number");
        });
    }

    [Test]
    public async Task A_customer_without_a_billing_address_or_a_french_business_without_siren_cannot_be_invoiced_yet()
    {
        var space = await SpaceAsync("no-address");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var dan = await MemberCustomerAsync(space, "Dan Nowhere");
        var company = await MemberCustomerAsync(space, "Erin Business", Address("Erin SARL", business: true));
        var noAddress = await PostAsync(treasurer, "/api/billing/invoices", Draft(dan, Line("Journée", 1, 20)), HttpStatusCode.Created);
        var noSiren = await PostAsync(treasurer, "/api/billing/invoices", Draft(company, Line("Journée", 1, 20)), HttpStatusCode.Created);

        using var first = await treasurer.PostAsync(new Uri($"/api/billing/invoices/{noAddress["id"]}/issue", UriKind.Relative), null);
        using var second = await treasurer.PostAsync(new Uri($"/api/billing/invoices/{noSiren["id"]}/issue", UriKind.Relative), null);

        Assert.Multiple(async () =>
        {
            Assert.That((await OperatorsClient.ProblemAsync(first, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("billing address"));
            Assert.That((await OperatorsClient.ProblemAsync(second, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("SIREN"));
        });
    }

    [Test]
    public async Task Credit_notes_have_their_own_series_reference_the_invoice_and_cancel_it_once_they_cover_it()
    {
        var space = await SpaceAsync("credit");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var company = await CompanyCustomerAsync(space, "Atelier Crédit");
        var invoice = await IssuedAsync(treasurer, company, Line("Bureau fermé, mars", 1, 400, unit: "MON"), Line("Salle", 3, 20, unit: "HUR"));
        var id = invoice["id"]!.GetValue<string>();

        var tooMuch = new JsonObject { ["lines"] = new JsonArray(Line("Remise", 1, 1000)) };
        using var refusedTooMuch = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/credit-notes", tooMuch);
        using var refusedRate = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/credit-notes", new JsonObject { ["lines"] = new JsonArray(Line("Remise", 1, 10, 5.5m)) });
        var partial = await PostAsync(treasurer, $"/api/billing/invoices/{id}/credit-notes",
            new JsonObject { ["lines"] = new JsonArray(Line("Salle non utilisée", 1, 20, unit: "HUR")), ["reason"] = "Réservation annulée" }, HttpStatusCode.Created);
        var afterPartial = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        using var refusedFull = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/credit-notes", new JsonObject());
        var rest = await PostAsync(treasurer, $"/api/billing/invoices/{id}/credit-notes",
            new JsonObject { ["lines"] = new JsonArray(Line("Bureau fermé, mars", 1, 400, unit: "MON"), Line("Salle", 2, 20, unit: "HUR")) }, HttpStatusCode.Created);
        var cancelled = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        using var payCancelled = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = 1, ["method"] = "cash" });
        var year = invoice["number"]!.GetValue<string>().Split('-')[1];

        Assert.Multiple(async () =>
        {
            Assert.That((await ErrorsAsync(refusedRate)).Select(e => e.Key), Is.EqualTo(new[] { "lines[0].vatRate" }));
            Assert.That((await OperatorsClient.ProblemAsync(refusedTooMuch, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("exceeds"));
            Assert.That(partial["kind"]!.GetValue<string>(), Is.EqualTo("credit-note"));
            Assert.That(partial["number"]!.GetValue<string>(), Is.EqualTo($"AV-{year}-00001"));
            Assert.That(partial["credits"]!["number"]!.GetValue<string>(), Is.EqualTo(invoice["number"]!.GetValue<string>()));
            Assert.That(partial["note"]!.GetValue<string>(), Is.EqualTo("Réservation annulée"));
            Assert.That(Amount(partial["totals"]!["gross"]), Is.EqualTo(24.00m));
            Assert.That(Amount(afterPartial["credited"]), Is.EqualTo(24.00m));
            Assert.That(Amount(afterPartial["amountDue"]), Is.EqualTo(Amount(invoice["totals"]!["gross"]) - 24.00m));
            Assert.That(afterPartial["status"]!.GetValue<string>(), Is.EqualTo("issued"));
            Assert.That((await OperatorsClient.ProblemAsync(refusedFull, HttpStatusCode.Conflict))["detail"]!.GetValue<string>(), Does.Contain("partly credited"));
            Assert.That(rest["number"]!.GetValue<string>(), Is.EqualTo($"AV-{year}-00002"));
            Assert.That(cancelled["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(Amount(cancelled["amountDue"]), Is.Zero);
            Assert.That(cancelled["creditedBy"]!.AsArray().Select(c => c!["number"]!.GetValue<string>()), Is.EqualTo(new[] { $"AV-{year}-00001", $"AV-{year}-00002" }));
            Assert.That(payCancelled.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
        });
    }

    [Test]
    public async Task A_full_credit_note_copies_the_invoice_and_cancels_it_even_once_the_customer_is_erased()
    {
        var space = await SpaceAsync("credit-full");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var erin = await MemberCustomerAsync(space, "Erin Full", Address("Erin Full"));
        var invoice = await IssuedAsync(treasurer, erin, Line("Journée", 2, 15), Line("Casier", 1, 5, 10m));
        // Erased since (GDPR): the invoice is a legal record, and so is the credit note that cancels it.
        await host.PublishAsync(space, new MemberErased(erin, DateTimeOffset.UtcNow));
        await Eventually.MatchAsync(
            async () => (await GetArrayAsync(treasurer, "/api/billing/customers")).Single(c => c!["id"]!.GetValue<string>() == erin.ToString())!["erased"]!.GetValue<bool>(),
            erased => erased, TimeSpan.FromSeconds(30), "Erin to be erased");

        var note = await PostAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}/credit-notes", null, HttpStatusCode.Created);
        var after = await GetJsonAsync(treasurer, $"/api/billing/invoices/{invoice["id"]}");
        var integrity = await GetJsonAsync(treasurer, "/api/billing/integrity");

        Assert.Multiple(() =>
        {
            Assert.That(note["lines"]!.AsArray().Select(l => l!["description"]!.GetValue<string>()), Is.EqualTo(new[] { "Journée", "Casier" }));
            Assert.That(note["customer"]!["name"]!.GetValue<string>(), Is.EqualTo("Erin Full"), "the customer as the invoice names them");
            Assert.That(Amount(note["totals"]!["gross"]), Is.EqualTo(Amount(invoice["totals"]!["gross"])));
            Assert.That(after["status"]!.GetValue<string>(), Is.EqualTo("cancelled"));
            Assert.That(integrity["documents"]!.GetValue<int>(), Is.EqualTo(2));
            Assert.That(integrity["valid"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Payments_move_an_invoice_from_issued_to_partially_paid_to_paid_and_an_overpayment_is_refused()
    {
        var space = await SpaceAsync("payments");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var fay = await MemberCustomerAsync(space, "Fay Payer", Address("Fay Payer"));
        var invoice = await IssuedAsync(treasurer, fay, Line("Abonnement résident", 1, 250, unit: "MON"));
        var id = invoice["id"]!.GetValue<string>();
        var draft = await PostAsync(treasurer, "/api/billing/invoices", Draft(fay, Line("Journée", 1, 20)), HttpStatusCode.Created);

        var partly = await PostAsync(treasurer, $"/api/billing/invoices/{id}/payments",
            new JsonObject { ["amount"] = 100, ["method"] = "cheque", ["reference"] = "Chèque n° 1234567" }, HttpStatusCode.Created);
        using var over = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = 200.01m, ["method"] = "bank-transfer" });
        using var badMethod = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = 10, ["method"] = "bitcoin" });
        using var negative = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = -5, ["method"] = "cash" });
        using var future = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/payments",
            new JsonObject { ["amount"] = 5, ["method"] = "cash", ["date"] = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        using var onDraft = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{draft["id"]}/payments", new JsonObject { ["amount"] = 5, ["method"] = "cash" });
        var paid = await PostAsync(treasurer, $"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = 200, ["method"] = "bank-transfer" }, HttpStatusCode.Created);
        var received = await PublishedAsync<PaymentReceived>(p => p.SubjectId == Guid.Parse(id), 2, "both payments announced");

        Assert.Multiple(async () =>
        {
            Assert.That(partly["status"]!.GetValue<string>(), Is.EqualTo("partially-paid"));
            Assert.That(Amount(partly["amountDue"]), Is.EqualTo(200m));
            Assert.That(partly["payments"]!.AsArray().Single()!["reference"]!.GetValue<string>(), Is.EqualTo("Chèque n° 1234567"));
            Assert.That((await ErrorsAsync(over)).Select(e => e.Key), Is.EqualTo(new[] { "amount" }));
            Assert.That((await ErrorsAsync(badMethod)).Select(e => e.Key), Is.EqualTo(new[] { "method" }));
            Assert.That((await ErrorsAsync(negative)).Select(e => e.Key), Is.EqualTo(new[] { "amount" }));
            Assert.That((await ErrorsAsync(future)).Select(e => e.Key), Is.EqualTo(new[] { "date" }));
            Assert.That(onDraft.StatusCode, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(paid["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(Amount(paid["amountDue"]), Is.Zero);
            Assert.That(Amount(paid["paid"]), Is.EqualTo(300m));
            Assert.That(received.Select(r => r.Amount), Is.EquivalentTo(new[] { new Money(100m, "EUR"), new Money(200m, "EUR") }));
            Assert.That(received.Select(r => r.Subject), Has.All.EqualTo(PaymentSubjects.Invoice));
        });
    }

    [Test]
    public async Task Money_owed_back_after_a_credit_note_is_recorded_as_a_refund_once_and_never_more_than_is_owed()
    {
        var space = await SpaceAsync("refunds");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        var ivy = await MemberCustomerAsync(space, "Ivy Refund", Address("Ivy Refund"));
        var invoice = await IssuedAsync(treasurer, ivy, Line("Abonnement résident", 1, 250, unit: "MON"));
        var id = invoice["id"]!.GetValue<string>();
        var gross = Amount(invoice["totals"]!["gross"]);
        using var beforeCredit = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/refunds", new JsonObject { ["amount"] = 10, ["method"] = "bank-transfer" });
        await PostAsync(treasurer, $"/api/billing/invoices/{id}/payments", new JsonObject { ["amount"] = gross, ["method"] = "bank-transfer" }, HttpStatusCode.Created);
        // A week not used: 50 € excl. VAT credited, so the member is owed that much incl. VAT.
        await PostAsync(treasurer, $"/api/billing/invoices/{id}/credit-notes", new JsonObject { ["lines"] = new JsonArray(Line("Semaine non utilisée", 1, 50)) }, HttpStatusCode.Created);
        var credited = await GetJsonAsync(treasurer, $"/api/billing/invoices/{id}");
        var owed = -Amount(credited["amountDue"]);

        using var tooMuch = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/refunds", new JsonObject { ["amount"] = owed + 0.01m, ["method"] = "bank-transfer" });
        using var zero = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/refunds", new JsonObject { ["amount"] = 0, ["method"] = "bank-transfer" });
        using var asMember = As(space, ivy);
        using var byMember = await asMember.PostAsJsonAsync($"/api/billing/invoices/{id}/refunds", new JsonObject { ["amount"] = owed, ["method"] = "bank-transfer" });
        var refunded = await PostAsync(treasurer, $"/api/billing/invoices/{id}/refunds",
            new JsonObject { ["amount"] = owed, ["method"] = "bank-transfer", ["reference"] = "Remboursement semaine" }, HttpStatusCode.Created);
        using var again = await treasurer.PostAsJsonAsync($"/api/billing/invoices/{id}/refunds", new JsonObject { ["amount"] = 1, ["method"] = "cash" });

        Assert.Multiple(async () =>
        {
            Assert.That(beforeCredit.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "nothing is owed back before a credit note");
            Assert.That(owed, Is.EqualTo(60m), "50 € excl. VAT at 20 %");
            Assert.That((await ErrorsAsync(tooMuch)).Select(e => e.Key), Is.EqualTo(new[] { "amount" }));
            Assert.That((await ErrorsAsync(zero)).Select(e => e.Key), Is.EqualTo(new[] { "amount" }));
            Assert.That(byMember.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(Amount(refunded["amountDue"]), Is.Zero);
            Assert.That(refunded["status"]!.GetValue<string>(), Is.EqualTo("paid"));
            Assert.That(refunded["payments"]!.AsArray().Select(p => Amount(p!["amount"])), Is.EqualTo(new[] { gross, -owed }));
            Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.Conflict), "recorded once: nothing more is owed");
        });
    }

    [Test]
    public async Task Members_read_only_their_own_and_their_companys_issued_invoices_and_other_spaces_see_nothing()
    {
        var space = await SpaceAsync("access");
        var other = await SpaceAsync("access-other");
        await ReadyToIssueAsync(space);
        using var treasurer = Treasurer(space);
        using var otherTreasurer = Treasurer(other);
        var company = await CompanyCustomerAsync(space, "Atelier Accès");
        var gina = await MemberCustomerAsync(space, "Gina Employee", Address("Gina Employee"), companyId: company);
        var hugo = await MemberCustomerAsync(space, "Hugo Other", Address("Hugo Other"));
        var own = await IssuedAsync(treasurer, gina, Line("Journée", 1, 20));
        var companys = await IssuedAsync(treasurer, company, Line("Bureau", 1, 300));
        var hugos = await IssuedAsync(treasurer, hugo, Line("Journée", 1, 20));
        var ginaDraft = await PostAsync(treasurer, "/api/billing/invoices", Draft(gina, Line("Brouillon", 1, 20)), HttpStatusCode.Created);
        using var asGina = As(space, gina);

        var list = await GetArrayAsync(asGina, "/api/billing/invoices");
        using var hugosRead = await asGina.GetAsync(new Uri($"/api/billing/invoices/{hugos["id"]}", UriKind.Relative));
        using var hugosPdf = await asGina.GetAsync(new Uri($"/api/billing/invoices/{hugos["id"]}/pdf", UriKind.Relative));
        using var draftRead = await asGina.GetAsync(new Uri($"/api/billing/invoices/{ginaDraft["id"]}", UriKind.Relative));
        using var ownPdf = await asGina.GetAsync(new Uri($"/api/billing/invoices/{own["id"]}/pdf", UriKind.Relative));
        using var create = await asGina.PostAsJsonAsync("/api/billing/invoices", Draft(gina, Line("Moi-même", 1, 1)));
        using var pay = await asGina.PostAsJsonAsync($"/api/billing/invoices/{own["id"]}/payments", new JsonObject { ["amount"] = 1, ["method"] = "cash" });
        using var integrity = await asGina.GetAsync(new Uri("/api/billing/integrity", UriKind.Relative));
        var elsewhere = new List<HttpStatusCode>();
        foreach (var path in new[] { "", "/pdf", "/factur-x.xml" })
        {
            using var r = await otherTreasurer.GetAsync(new Uri($"/api/billing/invoices/{own["id"]}{path}", UriKind.Relative));
            elsewhere.Add(r.StatusCode);
        }

        using (var r = await otherTreasurer.PutAsJsonAsync($"/api/billing/invoices/{ginaDraft["id"]}", Draft(gina, Line("x", 1, 1))))
        {
            elsewhere.Add(r.StatusCode);
        }

        foreach (var path in new[] { "/issue", "/credit-notes", "/payments" })
        {
            using var r = await otherTreasurer.PostAsJsonAsync($"/api/billing/invoices/{own["id"]}{path}", new JsonObject { ["amount"] = 1, ["method"] = "cash" });
            elsewhere.Add(r.StatusCode);
        }

        using (var r = await otherTreasurer.DeleteAsync(new Uri($"/api/billing/invoices/{ginaDraft["id"]}", UriKind.Relative)))
        {
            elsewhere.Add(r.StatusCode);
        }

        var otherList = await GetArrayAsync(otherTreasurer, "/api/billing/invoices");

        Assert.Multiple(() =>
        {
            Assert.That(list.Select(i => i!["id"]!.GetValue<string>()), Is.EquivalentTo(new[] { own["id"]!.GetValue<string>(), companys["id"]!.GetValue<string>() }));
            Assert.That(hugosRead.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(hugosPdf.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(draftRead.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(ownPdf.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(create.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(pay.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(integrity.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(elsewhere, Has.All.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherList, Is.Empty);
        });
    }

    [Test]
    public async Task Bad_drafts_are_refused_naming_each_field_and_nothing_is_written()
    {
        var space = await SpaceAsync("bad-drafts");
        using var treasurer = Treasurer(space);
        var ivan = await MemberCustomerAsync(space, "Ivan Bad", Address("Ivan Bad"));

        var cases = new (JsonNode? Body, string Field)[]
        {
            (new JsonObject { ["lines"] = new JsonArray(Line("x", 1, 1)) }, "customerId"),
            (Draft(Guid.NewGuid(), Line("x", 1, 1)), "customerId"),
            (Draft(ivan), "lines"),
            (Draft(ivan, Line("", 1, 1)), "lines[0].description"),
            (Draft(ivan, Line("x", 0, 1)), "lines[0].quantity"),
            (Draft(ivan, Line("x", 1.0001m, 1)), "lines[0].quantity"),
            (Draft(ivan, Line("x", 1, -1)), "lines[0].unitPrice"),
            (Draft(ivan, Line("x", 1, 1, 7m)), "lines[0].vatRate"),
            (Draft(ivan, Line("x", 1, 1, unit: "KGM")), "lines[0].unit"),
            (Draft(ivan, Line("a\u0000b", 1, 1)), "lines[0].description"),
            (Draft(ivan, new JsonObject { ["description"] = "x", ["quantity"] = 1, ["unitPrice"] = new JsonObject { ["amount"] = 5, ["currency"] = "USD" }, ["vatRate"] = 20 }), "lines[0].unitPrice.currency"),
            (Draft(ivan, Line("x", 1, 1)).Also(d => d["servicePeriod"] = new JsonObject { ["from"] = "2027-03-31", ["to"] = "2027-03-01" }), "servicePeriod.to"),
        };
        var answers = new List<(string Field, IReadOnlyList<string> Errors)>();
        foreach (var (body, field) in cases)
        {
            using var response = await treasurer.PostAsJsonAsync("/api/billing/invoices", body);
            answers.Add((field, (await ErrorsAsync(response)).Select(e => e.Key).ToList()));
        }

        using var notJson = await treasurer.PostAsync(new Uri("/api/billing/invoices", UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json"));
        var list = await GetArrayAsync(treasurer, "/api/billing/invoices");

        Assert.Multiple(() =>
        {
            foreach (var (field, errors) in answers)
            {
                Assert.That(errors, Is.EqualTo(new[] { field }).IgnoreCase, field);
            }

            Assert.That(notJson.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(list, Is.Empty, "nothing half-written");
        });
    }

    [Test]
    public async Task A_space_under_the_vat_franchise_charges_no_vat_and_a_document_may_be_written_in_english()
    {
        var space = await SpaceAsync("franchise");
        await ReadyToIssueAsync(space, "franchise-293B");
        using var treasurer = Treasurer(space);
        var jane = await MemberCustomerAsync(space, "Jane Visitor", Address("Jane Visitor"));
        var body = Draft(jane, Line("Coworking day", 2, 12.5m)).Also(d => d["language"] = "en");
        using var badLanguage = await treasurer.PostAsJsonAsync("/api/billing/invoices", Draft(jane, Line("x", 1, 1)).Also(d => d["language"] = "de"));

        var issued = await IssuedAsync(treasurer, jane, Line("Journée", 1, 15));
        var draft = await PostAsync(treasurer, "/api/billing/invoices", body, HttpStatusCode.Created);
        var english = await PostAsync(treasurer, $"/api/billing/invoices/{draft["id"]}/issue", null, HttpStatusCode.OK);
        using var xml = await treasurer.GetAsync(new Uri($"/api/billing/invoices/{issued["id"]}/factur-x.xml", UriKind.Relative));
        var text = await xml.Content.ReadAsStringAsync();

        Assert.Multiple(async () =>
        {
            Assert.That((await ErrorsAsync(badLanguage)).Select(e => e.Key), Is.EqualTo(new[] { "language" }));
            Assert.That(issued["lines"]!.AsArray().Single()!["vatRate"]!.GetValue<decimal>(), Is.Zero);
            Assert.That(issued["totals"]!["vat"]!.AsArray().Select(v => Amount(v!["amount"])), Is.EqualTo(new[] { 0m }));
            Assert.That(Amount(issued["totals"]!["gross"]), Is.EqualTo(15m));
            Assert.That(issued["language"]!.GetValue<string>(), Is.EqualTo("fr"));
            Assert.That(english["language"]!.GetValue<string>(), Is.EqualTo("en"));
            Assert.That(Amount(english["totals"]!["gross"]), Is.EqualTo(25m));
            Assert.That(xml.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/xml"));
            Assert.That(text, Does.Contain("293 B").And.Contain("VATEX-FR-FRANCHISE"));
        });
    }
}
