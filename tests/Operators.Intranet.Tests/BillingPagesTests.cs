using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>The billing pages in the browser: the treasurer's invoices, settings and integrity; a member's invoices.</summary>
public sealed class BillingPagesTests
{
    [Test]
    public async Task A_treasurer_fills_the_settings_drafts_two_lines_issues_takes_a_partial_payment_credits_part_and_downloads_the_pdf()
    {
        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Réglages de facturation" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/billing/settings");
        // The demo association's identity, typed again as a treasurer would, with 30 days to pay instead of 15.
        await page.FillAsync("#settings-name", "La Grange Numérique");
        await page.FillAsync("#settings-form", "Association loi 1901");
        await page.FillAsync("#settings-siren", "841 234 560");
        await page.FillAsync("#settings-siret", "841 234 560 00016");
        await page.FillAsync("#settings-line1", "2 route de Vabres");
        await page.FillAsync("#settings-postal", "12400");
        await page.FillAsync("#settings-city", "Saint-Affrique");
        await page.FillAsync("#settings-email", "tresorerie@grange-numerique.example");
        await page.FillAsync("#settings-electronic", "841234560");
        await page.GetByLabel("Franchise en base de TVA (art. 293 B du CGI) : pas de TVA facturée").CheckAsync();
        await page.FillAsync("#settings-terms", "30");
        await page.FillAsync("#settings-iban", "FR76 1027 8022 0000 0201 1234 517");
        await page.FillAsync("#settings-bic", "CMCIFR2A");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/billing/settings?done=saved");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Enregistré.");
        await Expect(page.Locator("#settings-terms")).ToHaveValueAsync("30");
        await Expect(page.Locator("#settings-siren")).ToHaveValueAsync("841234560");
        await Expect(page.Locator("#settings-iban")).ToHaveValueAsync("FR7610278022000002011234517");

        var item = "Atelier reliure " + Guid.NewGuid().ToString("N")[..4];
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Factures", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouveau brouillon" }).ClickAsync();
        await page.WaitForURLAsync("**/billing/invoices/new");
        await page.SelectOptionAsync("#new-customer", new SelectOptionValue { Label = "Camille Leroy" });
        await page.FillAsync("#new-line0-description", item);
        await page.FillAsync("#new-line0-quantity", "2");
        await page.FillAsync("#new-line0-price", "25");
        await page.FillAsync("#new-line1-description", "Salle du Lavoir (heures)");
        await page.FillAsync("#new-line1-quantity", "3");
        await page.FillAsync("#new-line1-price", "12.5");
        await page.SelectOptionAsync("#new-line1-unit", "HUR");
        await page.SelectOptionAsync("#new-language", "fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await page.WaitForURLAsync("**?done=created");
        var invoice = page.GetByTestId("invoice");
        await Expect(invoice).ToHaveAttributeAsync("data-status", "draft");

        // Saved again unchanged, the draft keeps its units and language (the form carries them).
        await Expect(page.Locator("#edit-line1-unit")).ToHaveValueAsync("HUR");
        await Expect(page.Locator("#edit-language")).ToHaveValueAsync("fr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await page.WaitForURLAsync("**?done=saved");
        using (var api = await IntranetSite.ApiAsync("treasurer@demo.test"))
        {
            var draftId = page.Url.Split('?')[0].Split('/')[^1];
            var draft = await api.GetJsonAsync($"/s/demo/api/billing/invoices/{draftId}");
            Assert.That(draft["lines"]!.AsArray().Select(l => l!["unit"]!.GetValue<string>()), Is.EqualTo(new[] { "C62", "HUR" }));
            Assert.That(draft["language"]!.GetValue<string>(), Is.EqualTo("fr"));
        }

        await Expect(page.GetByTestId("lines")).ToContainTextAsync(item);
        await Expect(page.GetByTestId("gross")).ToContainTextAsync("87,50 €");

        await page.GetByRole(AriaRole.Button, new() { Name = "Émettre la facture" }).ClickAsync();
        await page.WaitForURLAsync("**?done=issued");
        await Expect(invoice).ToHaveAttributeAsync("data-status", "issued");
        var number = await invoice.GetAttributeAsync("data-number");
        Assert.That(number, Does.Match(@"^F-\d{4}-\d+$"));
        await Expect(page.GetByTestId("title")).ToHaveTextAsync($"Facture {number}");
        await Expect(page.GetByTestId("success")).ToContainTextAsync($"Émise sous le numéro {number}");
        var id = page.Url.Split('?')[0].Split('/')[^1];

        await page.FillAsync("#pay-amount", "40");
        await page.SelectOptionAsync("#pay-method", "cash");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le paiement" }).ClickAsync();
        await page.WaitForURLAsync("**?done=paid");
        await Expect(invoice).ToHaveAttributeAsync("data-status", "partially-paid");
        await Expect(invoice.GetByTestId("status")).ToHaveTextAsync("Partiellement payée");
        await Expect(page.GetByTestId("payments")).ToContainTextAsync("Espèces");
        await Expect(page.GetByTestId("due")).ToContainTextAsync("47,50 €");

        await page.GetByLabel("Une partie (le montant ci-dessous)").CheckAsync();
        await page.FillAsync("#credit-description", "Geste commercial");
        await page.FillAsync("#credit-amount", "7.5");
        await page.FillAsync("#credit-reason", "Une heure de salle offerte");
        await page.GetByRole(AriaRole.Button, new() { Name = "Faire l'avoir" }).ClickAsync();
        await page.WaitForURLAsync("**?done=credited");
        var credit = page.GetByTestId("invoice");
        var creditNumber = await credit.GetAttributeAsync("data-number");
        Assert.That(creditNumber, Does.Match(@"^AV-\d{4}-\d+$"));
        await Expect(page.GetByTestId("title")).ToHaveTextAsync($"Avoir {creditNumber}");
        await Expect(page.GetByTestId("gross")).ToContainTextAsync("7,50 €");
        await IntranetSite.ScreenshotAsync(page, "billing-credit-note");

        await page.GotoAsync(IntranetSite.SpaceUrl($"billing/invoices/{id}"));
        await Expect(page.GetByTestId("credits")).ToContainTextAsync(creditNumber!);
        await Expect(page.GetByTestId("due")).ToContainTextAsync("40,00 €");
        await IntranetSite.ScreenshotAsync(page, "billing-invoice-partially-paid");
        await ExpectPdfAsync(page, await page.GetByTestId("pdf").GetAttributeAsync("href"));

        await page.GotoAsync(IntranetSite.SpaceUrl($"billing/invoices?status=partially-paid&customerId={await CustomerIdAsync("camille@demo.test")}"));
        await Expect(page.Locator($"[data-testid=invoice-row][data-number='{number}']")).ToContainTextAsync("Partiellement payée");
        await Expect(page.GetByTestId("invoice-row").Filter(new() { HasNotText = "Camille Leroy" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_draft_without_a_customer_is_refused_naming_the_field_and_keeps_what_was_typed()
    {
        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("billing/invoices/new"));
        await page.Locator("#new-customer").EvaluateAsync("select => select.removeAttribute('required')");
        await page.FillAsync("#new-line0-description", "Sans client");
        await page.FillAsync("#new-line0-price", "10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        var error = page.GetByTestId("error");
        await Expect(error).ToContainTextAsync("Certaines informations sont à revoir");
        await Expect(error).ToContainTextAsync("Client");
        await Expect(error).Not.ToContainTextAsync("{");
        await Expect(page.Locator("#new-line0-description")).ToHaveValueAsync("Sans client");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_member_sees_only_their_own_invoices_and_their_companys_and_downloads_the_pdf()
    {
        var page = await IntranetSite.SignedInAsync("member@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("lang/en?returnUrl=%2F"));
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "My invoices" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/invoices");
        var rows = page.GetByTestId("invoice-row");
        await Expect(rows.First).ToBeVisibleAsync();
        await Expect(rows.Filter(new() { HasNotText = "Mathis Durand" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("my-invoices")).Not.ToContainTextAsync("Camille Leroy");
        await ExpectPdfAsync(page, await rows.First.GetByRole(AriaRole.Link).GetAttributeAsync("href"));

        // Another member's invoice is not theirs to download.
        var camilles = await InvoiceIdsAsync("camille@demo.test");
        var response = await page.APIRequest.GetAsync(IntranetSite.SpaceUrl($"billing/invoices/{camilles[0]}/pdf"));
        Assert.That(response.Status, Is.EqualTo((int)HttpStatusCode.NotFound));

        // Someone of the agency sees the agency's invoice.
        var hugo = await IntranetSite.SignedInAsync("hugo@demo.test");
        await hugo.GotoAsync(IntranetSite.SpaceUrl("invoices"));
        await Expect(hugo.GetByTestId("my-invoices")).ToContainTextAsync("Pixels & Prés");
        await Expect(hugo.GetByTestId("my-invoices")).Not.ToContainTextAsync("Mathis Durand");
        await page.Context.CloseAsync();
        await hugo.Context.CloseAsync();
    }

    [Test]
    public async Task A_member_cannot_open_the_treasurer_pages_nor_see_them_in_the_menu()
    {
        var id = (await InvoiceIdsAsync("camille@demo.test"))[0];
        var page = await IntranetSite.SignedInAsync("member@demo.test");
        foreach (var path in new[] { "billing/invoices", "billing/invoices/new", $"billing/invoices/{id}", "billing/settings", "billing/integrity" })
        {
            var response = await page.GotoAsync(IntranetSite.SpaceUrl(path));
            Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden), path);
            await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
            await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        }

        var menu = page.GetByRole(AriaRole.Navigation);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Mes factures" })).ToHaveCountAsync(1);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Factures", Exact = true })).ToHaveCountAsync(0);
        await Expect(menu).Not.ToContainTextAsync("Réglages de facturation");

        // The operator runs the desk, not the books.
        var op = await IntranetSite.SignedInAsync("operator@demo.test");
        var denied = await op.GotoAsync(IntranetSite.SpaceUrl("billing/invoices"));
        Assert.That(denied!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden));
        await Expect(op.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Factures", Exact = true })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
        await op.Context.CloseAsync();
    }

    [Test]
    public async Task The_integrity_page_says_the_chain_of_the_demos_invoices_is_intact()
    {
        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Intégrité" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/billing/integrity");
        var report = page.GetByTestId("integrity");
        await Expect(report).ToHaveAttributeAsync("data-valid", "true");
        await Expect(report).ToContainTextAsync("La chaîne est intacte");
        await Expect(page.GetByTestId("first-broken")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_treasurer_sees_the_charges_waiting_starts_a_run_and_follows_it_to_its_end()
    {
        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Facturations groupées" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/billing/runs");
        // The demo's subscriptions are charges waiting for a run.
        await Expect(page.GetByTestId("charge-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("charges")).ToContainTextAsync("HT");
        // A month long past has nothing to bill: the run completes at once, and leaves the demo's charges where they are.
        await page.FillAsync("#run-period", "2001-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer la facturation" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/billing/runs/*");
        var run = page.GetByTestId("run");
        await Expect(run).ToHaveAttributeAsync("data-status", "completed", new() { Timeout = 20_000 });
        await Expect(run).ToContainTextAsync("Frais jusqu'à la fin de 2001-01");
        await Expect(page.GetByTestId("done")).ToHaveTextAsync("0");
        await Expect(page.GetByTestId("progress")).ToHaveAttributeAsync("value", "1");
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour aux facturations" }).ClickAsync();
        await Expect(page.GetByTestId("runs")).ToContainTextAsync("2001-01 : Terminée");

        // A month not begun is refused, in French, naming the field.
        await page.FillAsync("#run-period", "2099-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer la facturation" }).ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Frais jusqu'à la fin de");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_treasurer_reads_the_reports_drawn_on_the_server_and_downloads_the_fec_and_the_csv()
    {
        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Rapports" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/billing/reports");
        // The demo has issued invoices this year: a bar per month, its number beside it.
        await Expect(page.Locator("svg[data-testid=revenue-chart] rect.bar").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("revenue")).ToContainTextAsync("€");
        await Expect(page.GetByTestId("ageing")).ToContainTextAsync("plus de 90 jours");
        await Expect(page.GetByTestId("outstanding")).ToContainTextAsync("facture(s)");
        var fec = await page.GetByTestId("fec").GetAttributeAsync("href");
        var download = await page.Context.APIRequest.GetAsync(IntranetSite.SpaceUrl(fec!));
        Assert.That(download.Status, Is.EqualTo(200), await download.TextAsync());
        Assert.That(download.Headers["content-disposition"], Does.Match(@"\d{9}FEC\d{8}\.txt"));
        Assert.That((await download.TextAsync()).Split("\r\n")[0], Does.StartWith("JournalCode\tJournalLib\tEcritureNum"));
        var csv = await page.Context.APIRequest.GetAsync(IntranetSite.SpaceUrl((await page.GetByTestId("csv").GetAttributeAsync("href"))!));
        Assert.That((await csv.TextAsync()).TrimStart('\uFEFF'), Does.StartWith("number,kind,status"));
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_member_is_told_how_to_pay_when_the_space_takes_no_online_payment_and_the_treasurer_finds_where_to_turn_it_on()
    {
        var member = await IntranetSite.SignedInAsync("member@demo.test");
        await member.GotoAsync(IntranetSite.SpaceUrl("invoices"));
        var pay = member.GetByRole(AriaRole.Button, new() { Name = "Payer en ligne" });
        if (await pay.CountAsync() > 0)
        {
            await pay.First.ClickAsync();
            await Expect(member.GetByTestId("error")).ToContainTextAsync("virement");
        }

        await member.Context.CloseAsync();
        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("billing/settings"));
        await Expect(page.GetByTestId("stripe-state")).ToContainTextAsync("désactivé");
        await Expect(page.GetByTestId("webhook-url")).ToContainTextAsync("/s/demo/api/billing/stripe/webhook");
        // A wrong key is refused, named as the form labels it; nothing is saved.
        await page.FillAsync("#stripe-secret", "not-a-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les clés Stripe" }).ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Clé secrète");
        await page.GotoAsync(IntranetSite.SpaceUrl("billing/settings"));
        await Expect(page.GetByTestId("stripe-state")).ToContainTextAsync("désactivé");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task After_a_credit_note_on_a_paid_invoice_the_treasurer_records_the_refund_given_back_and_the_invoice_balances()
    {
        var customer = await CustomerIdAsync("member@demo.test");
        using var api = await IntranetSite.ApiAsync("treasurer@demo.test");
        async Task<JsonObject> PostAsync(string path, object body)
        {
            using var response = await api.Http.PostAsJsonAsync($"/s/demo/api/billing/{path}", body);
            await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        var draft = await PostAsync("invoices", new { customerId = customer, lines = new[] { new { description = "Salle de réunion", quantity = 1, unitPrice = 40m, vatRate = 0m } } });
        var id = draft["id"]!.GetValue<string>();
        using (var issue = await api.Http.PostAsJsonAsync($"/s/demo/api/billing/invoices/{id}/issue", new { }))
        {
            await OperatorsClient.ExpectAsync(issue, HttpStatusCode.OK);
        }

        await PostAsync($"invoices/{id}/payments", new { amount = new { amount = 40m }, method = "bank-transfer" });
        await PostAsync($"invoices/{id}/credit-notes", new { lines = new[] { new { description = "Salle indisponible une heure", quantity = 1, unitPrice = 15m, vatRate = 0m } } });

        var page = await IntranetSite.SignedInAsync("treasurer@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl($"billing/invoices/{id}"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer un remboursement" })).ToBeVisibleAsync();
        await Expect(page.Locator("#refund-amount")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(@"^15(\.0+)?$"));
        await page.SelectOptionAsync("#refund-method", "bank-transfer");
        await page.FillAsync("#refund-reference", "Virement du 3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le remboursement" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Le remboursement est enregistré");
        await Expect(page.GetByTestId("due")).ToContainTextAsync("0,00");
        await Expect(page.GetByTestId("payments")).ToContainTextAsync("-15,00");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Enregistrer un remboursement" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [TestCase("fr")]
    [TestCase("en")]
    public async Task Every_billing_page_has_no_serious_violation(string language)
    {
        var (issued, draft) = await DemoDocumentsAsync();
        foreach (var (email, paths) in new[]
        {
            ("member@demo.test", new[] { "invoices" }),
            ("treasurer@demo.test", new[] { "billing/invoices", "billing/invoices/new", $"billing/invoices/{issued}", $"billing/invoices/{draft}", "billing/settings", "billing/integrity", "billing/runs", "billing/reports" }),
        })
        {
            var page = await IntranetSite.SignedInAsync(email);
            await page.GotoAsync(IntranetSite.SpaceUrl($"lang/{language}?returnUrl=%2F"));
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(IntranetSite.SpaceUrl(path));
                Assert.That(response!.Ok, Is.True, $"{path} answered {response.Status}");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                var name = $"{path.Replace('/', '-')}-{language}".Replace(issued, "issued", StringComparison.Ordinal).Replace(draft, "draft", StringComparison.Ordinal);
                await IntranetSite.ScreenshotAsync(page, name);
                var results = await page.RunAxe();
                var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
                Assert.That(serious, Is.Empty, $"{path} ({language}): " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
            }

            await page.Context.CloseAsync();
        }
    }

    [Test]
    public async Task The_billing_pages_fit_a_360_pixel_phone_screen()
    {
        var (issued, draft) = await DemoDocumentsAsync();
        foreach (var (email, paths) in new[]
        {
            ("member@demo.test", new[] { "invoices" }),
            ("treasurer@demo.test", new[] { "billing/invoices", "billing/invoices/new", $"billing/invoices/{issued}", $"billing/invoices/{draft}", "billing/settings", "billing/integrity", "billing/runs", "billing/reports" }),
        })
        {
            var context = await IntranetSite.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 360, Height = 740 } });
            var page = await context.NewPageAsync();
            await page.GotoAsync(IntranetSite.SpaceUrl("account/login"));
            await page.FillAsync("#email", email);
            await page.FillAsync("#password", IntranetSite.Password);
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            foreach (var path in paths)
            {
                await page.GotoAsync(IntranetSite.SpaceUrl(path));
                var name = $"phone-{path.Replace('/', '-')}".Replace(issued, "issued", StringComparison.Ordinal).Replace(draft, "draft", StringComparison.Ordinal);
                await IntranetSite.ScreenshotAsync(page, name);
                // The widest culprit is named, if any, so that a failure says where to look.
                var wide = await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '#' + e.id + '.' + e.className).slice(-3).join(', ')");
                var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
                Assert.That(overflow, Is.False, $"{path} scrolls sideways on a phone: {wide}");
            }

            await context.CloseAsync();
        }
    }

    /// <summary>Fetches a download link with the page's cookies: the stored original, a PDF.</summary>
    private static async Task ExpectPdfAsync(IPage page, string? href)
    {
        Assert.That(href, Is.Not.Null.And.Not.Empty);
        var response = await page.APIRequest.GetAsync(IntranetSite.SpaceUrl(href!));
        Assert.That(response.Status, Is.EqualTo((int)HttpStatusCode.OK), href);
        Assert.That(response.Headers["content-type"], Does.StartWith("application/pdf"));
        var body = await response.BodyAsync();
        Assert.That(Encoding.ASCII.GetString(body, 0, 5), Is.EqualTo("%PDF-"));
    }

    /// <summary>An issued invoice and a draft of the demo, by id.</summary>
    private static async Task<(string Issued, string Draft)> DemoDocumentsAsync()
    {
        using var treasurer = await IntranetSite.ApiAsync("treasurer@demo.test");
        var invoices = Items(await treasurer.GetNodeAsync("/s/demo/api/billing/invoices"));
        return (
            invoices.First(i => i!["status"]!.GetValue<string>() is "issued" or "partially-paid" && i["kind"]!.GetValue<string>() == "invoice")!["id"]!.GetValue<string>(),
            invoices.First(i => i!["status"]!.GetValue<string>() == "draft")!["id"]!.GetValue<string>());
    }

    private static async Task<string> CustomerIdAsync(string email)
    {
        using var treasurer = await IntranetSite.ApiAsync("treasurer@demo.test");
        return Items(await treasurer.GetNodeAsync("/s/demo/api/billing/customers"))
            .First(c => c!["email"]?.GetValue<string>() == email)!["id"]!.GetValue<string>();
    }

    /// <summary>The issued invoices of a member, by id (as the treasurer sees them).</summary>
    private static async Task<List<string>> InvoiceIdsAsync(string email)
    {
        var customer = await CustomerIdAsync(email);
        using var treasurer = await IntranetSite.ApiAsync("treasurer@demo.test");
        return Items(await treasurer.GetNodeAsync("/s/demo/api/billing/invoices"))
            .Where(i => i!["customerId"]!.GetValue<string>() == customer && i["status"]!.GetValue<string>() != "draft")
            .Select(i => i!["id"]!.GetValue<string>())
            .ToList();
    }

    private static List<JsonNode?> Items(JsonNode list) => list switch
    {
        JsonArray array => [.. array],
        JsonObject o when o["items"] is JsonArray items => [.. items],
        _ => [],
    };
}
