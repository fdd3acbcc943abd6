using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>The membership pages in the browser: a member's plan, profile and directory; operators' plans, members and companies.</summary>
public sealed class MembershipPagesTests
{
    [Test]
    public async Task A_member_sees_their_plan_and_allowance_opts_in_to_the_directory_and_is_found_by_skill()
    {
        var skill = "apiculture-" + Guid.NewGuid().ToString("N")[..6];
        var camille = await IntranetSite.SignedInAsync("camille@demo.test");
        await camille.GotoAsync(IntranetSite.SpaceUrl("directory"));
        await Expect(camille.GetByTestId("directory")).ToContainTextAsync("Léa Moreau");
        await Expect(camille.GetByTestId("directory")).Not.ToContainTextAsync("Mathis Durand");

        var page = await IntranetSite.SignedInAsync("member@demo.test");
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Mon abonnement" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/membership");
        var plan = page.GetByTestId("subscription");
        await Expect(plan).ToContainTextAsync("Nomade");
        await Expect(plan.GetByTestId("status")).ToHaveTextAsync("Actif");
        await Expect(plan).ToContainTextAsync("60,00 € par mois");
        await Expect(page.GetByTestId("allowance")).ToContainTextAsync("restant(s) sur 8");

        await page.GotoAsync(IntranetSite.SpaceUrl("membership/profile"));
        await Expect(page.Locator("#opt-directory")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#opt-presence")).Not.ToBeCheckedAsync();
        await page.FillAsync("#profile-skills", $"traduction, {skill}");
        await page.FillAsync("#profile-offers", "Des traductions de vos menus");
        await page.CheckAsync("#opt-directory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForURLAsync("**/membership/profile?done=saved");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Enregistré.");
        await Expect(page.Locator("#opt-directory")).ToBeCheckedAsync();
        await Expect(page.Locator("#opt-presence")).Not.ToBeCheckedAsync();

        await camille.GotoAsync(IntranetSite.SpaceUrl("directory"));
        await camille.SelectOptionAsync("#directory-skill", skill);
        await camille.GetByRole(AriaRole.Button, new() { Name = "Chercher" }).ClickAsync();
        await camille.WaitForURLAsync($"**/directory?q=&skill={skill}");
        var found = camille.GetByTestId("profile");
        await Expect(found).ToHaveCountAsync(1);
        await Expect(found).ToContainTextAsync("Mathis Durand");
        await Expect(found).ToContainTextAsync("Des traductions de vos menus");
        await IntranetSite.ScreenshotAsync(camille, "directory-by-skill");
        await page.Context.CloseAsync();
        await camille.Context.CloseAsync();
    }

    [Test]
    public async Task A_member_asks_the_team_to_change_plan_and_the_owner_and_operator_receive_it_by_email()
    {
        var folder = IntranetSite.Host.MailFolder;
        var before = (Owner: Mailbox.MessagesTo(folder, "owner@demo.test").Count, Operator: Mailbox.MessagesTo(folder, "operator@demo.test").Count);
        var note = "Un bureau fixe à partir du mois prochain " + Guid.NewGuid().ToString("N")[..4];

        var page = await IntranetSite.SignedInAsync("member@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("membership"));
        await page.GetByLabel("Passer à une autre formule").CheckAsync();
        await page.SelectOptionAsync("#ask-plan", new SelectOptionValue { Label = "Résident — 180,00 € par mois" });
        await page.FillAsync("#ask-message", note);
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer à l'équipe" }).ClickAsync();
        await page.WaitForURLAsync("**/membership?done=asked");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Votre demande est envoyée à l'équipe.");

        var toOperator = Mailbox.MessagesTo(folder, "operator@demo.test");
        Assert.That(toOperator, Has.Count.EqualTo(before.Operator + 1));
        Assert.That(Mailbox.MessagesTo(folder, "owner@demo.test"), Has.Count.EqualTo(before.Owner + 1));
        var text = toOperator.Select(m => m.TextBody ?? "").Single(body => body.Contains(note, StringComparison.Ordinal));
        Assert.That(text, Does.Contain("Mathis Durand").And.Contain("« Nomade » à « Résident »").And.Contain("member@demo.test"));
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task An_operator_creates_a_plan_subscribes_a_member_pauses_resumes_changes_plan_and_cancels()
    {
        var name = "Mi-temps " + Guid.NewGuid().ToString("N")[..4];
        var page = await IntranetSite.SignedInAsync("operator@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/plans"));
        await page.FillAsync("#new-name", name);
        await page.FillAsync("#new-price", "90");
        await page.FillAsync("#new-vat", "0");
        await page.FillAsync("#new-desk", "10");
        await page.FillAsync("#new-room", "3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer" }).ClickAsync();
        await page.WaitForURLAsync("**/manage/plans?done=created");
        await Expect(page.Locator($"[data-testid=plan-row][data-name='{name}']")).ToContainTextAsync("90,00 € par mois");

        // One member, started a few days ago (a resume starts a period, which membership charges once per start day),
        // is paused, resumed, moved down and cancelled at the period's end; another, started today, is cancelled at once.
        var today = TestCalendar.Today(DateTimeOffset.UtcNow, TestCalendar.Paris);
        var first = await OpenNewMemberAsync(page);
        await page.SelectOptionAsync("#subscribe-plan", new SelectOptionValue { Label = $"{name} — 90,00 € par mois" });
        await page.FillAsync("#subscribe-start", IntranetSite.Iso(today.AddDays(-3)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Abonner", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**?done=subscribed");
        var subscription = page.GetByTestId("subscription");
        await Expect(subscription).ToContainTextAsync(name);
        await Expect(subscription).ToHaveAttributeAsync("data-status", "active");

        await subscription.GetByRole(AriaRole.Button, new() { Name = "Mettre en pause" }).ClickAsync();
        await page.WaitForURLAsync("**?done=paused");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("En pause");
        await Expect(subscription).ToHaveAttributeAsync("data-status", "paused");

        await subscription.GetByRole(AriaRole.Button, new() { Name = "Reprendre" }).ClickAsync();
        await page.WaitForURLAsync("**?done=resumed");
        await Expect(subscription).ToHaveAttributeAsync("data-status", "active");

        await page.SelectOptionAsync("#change-plan", new SelectOptionValue { Label = "Nomade — 60,00 € par mois" });
        await subscription.GetByRole(AriaRole.Button, new() { Name = "Changer de formule" }).ClickAsync();
        await page.WaitForURLAsync("**?done=changed");
        await Expect(subscription.GetByTestId("pending")).ToContainTextAsync("Nomade, à partir de la prochaine période");

        await subscription.GetByRole(AriaRole.Button, new() { Name = "Arrêter à la fin de la période" }).ClickAsync();
        await page.WaitForURLAsync("**?done=cancelling");
        await Expect(subscription).ToHaveAttributeAsync("data-status", "cancelling");
        await Expect(subscription.GetByTestId("ends")).ToBeVisibleAsync();
        await IntranetSite.ScreenshotAsync(page, "member-cancelling");

        await OpenNewMemberAsync(page);
        await page.SelectOptionAsync("#subscribe-plan", new SelectOptionValue { Label = "Résident — 180,00 € par mois" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Abonner", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**?done=subscribed");
        await Expect(subscription).ToContainTextAsync("Résident");
        await subscription.GetByRole(AriaRole.Button, new() { Name = "Arrêter maintenant" }).ClickAsync();
        await page.WaitForURLAsync("**?done=ended");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("La formule est arrêtée.");
        await Expect(page.GetByTestId("no-subscription")).ToBeVisibleAsync();

        await page.GotoAsync(IntranetSite.SpaceUrl($"manage/members?search={Uri.EscapeDataString(first)}"));
        await Expect(page.GetByTestId("member-row")).ToContainTextAsync(name);
        await page.Context.CloseAsync();
    }

    /// <summary>Gives a new person the member role (as the owner, through the API), then opens their page as the operator on <paramref name="page"/>; returns their email.</summary>
    private static async Task<string> OpenNewMemberAsync(IPage page)
    {
        var email = $"essai-{Guid.NewGuid().ToString("N")[..8]}@demo.test";
        using (var owner = await IntranetSite.ApiAsync("owner@demo.test"))
        {
            await owner.GrantAsync(IntranetSite.Space, email, "member");
            await Eventually.MatchAsync(
                async () => Items(await owner.GetNodeAsync($"/s/demo/api/membership/members?search={Uri.EscapeDataString(email)}")).Count,
                count => count == 1,
                TimeSpan.FromSeconds(15),
                "membership to know the new member");
        }

        await page.GotoAsync(IntranetSite.SpaceUrl($"manage/members?search={Uri.EscapeDataString(email)}"));
        await page.GetByTestId("member-row").GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("no-subscription")).ToBeVisibleAsync();
        return email;
    }

    [Test]
    public async Task An_operator_creates_a_company_and_attaches_a_member_to_it_from_the_member_page()
    {
        var name = "Scierie " + Guid.NewGuid().ToString("N")[..4];
        var page = await IntranetSite.SignedInAsync("operator@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/companies"));
        await Expect(page.Locator("[data-testid=company-row][data-name='Pixels & Prés']")).ToContainTextAsync("Hugo Girard");
        await page.FillAsync("#new-name", name);
        await page.FillAsync("#new-billing-name", name + " SAS");
        await page.FillAsync("#new-billing-line1", "1 route de Millau");
        await page.FillAsync("#new-billing-postal", "12400");
        await page.FillAsync("#new-billing-city", "Saint-Affrique");
        await page.FillAsync("#new-billing-siren", "812345676");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer" }).ClickAsync();
        await page.WaitForURLAsync("**/manage/companies?done=created");
        await Expect(page.Locator($"[data-testid=company-row][data-name='{name}']")).ToContainTextAsync("SIREN 812345676");

        await page.GotoAsync(IntranetSite.SpaceUrl("manage/members?search=karim"));
        await page.GetByRole(AriaRole.Link, new() { Name = "Karim Benali" }).ClickAsync();
        await page.SelectOptionAsync("#member-company", new SelectOptionValue { Label = name });
        await page.Locator("section[aria-labelledby=company]").GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForURLAsync("**?done=company");
        await Expect(page.Locator("#member-company option:checked")).ToHaveTextAsync(name);

        await page.GotoAsync(IntranetSite.SpaceUrl("manage/companies"));
        await Expect(page.Locator($"[data-testid=company-row][data-name='{name}']")).ToContainTextAsync("Karim Benali");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_refused_plan_names_the_field_in_the_readers_language_next_to_the_form()
    {
        var page = await IntranetSite.SignedInAsync("owner@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/plans"));
        await page.FillAsync("#new-name", "Taux impossible");
        await page.FillAsync("#new-price", "50");
        await page.FillAsync("#new-vat", "7");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer" }).ClickAsync();
        var error = page.GetByTestId("error");
        await Expect(error).ToContainTextAsync("Certaines informations sont à revoir");
        await Expect(error).ToContainTextAsync("Taux de TVA (%)");
        await Expect(error).Not.ToContainTextAsync("{");
        await Expect(page.Locator("#new-name")).ToHaveValueAsync("Taux impossible");
        await Expect(page.Locator("[data-testid=plan-row][data-name='Taux impossible']")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_member_cannot_open_the_membership_pages_of_operators_nor_see_them_in_the_menu()
    {
        var ids = await IdsAsync();
        var page = await IntranetSite.SignedInAsync("member@demo.test");
        foreach (var path in new[] { "manage/plans", $"manage/plans/{ids.Plan}", "manage/members", $"manage/members/{ids.Member}", "manage/companies", $"manage/companies/{ids.Company}" })
        {
            var response = await page.GotoAsync(IntranetSite.SpaceUrl(path));
            Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden), path);
            await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
            await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        }

        var menu = page.GetByRole(AriaRole.Navigation);
        await Expect(menu).ToContainTextAsync("Mon abonnement");
        await Expect(menu).ToContainTextAsync("Annuaire");
        await Expect(menu).Not.ToContainTextAsync("Formules");
        await Expect(menu).Not.ToContainTextAsync("Entreprises");

        // The operator, who holds no member role here, has no plan of their own to look at.
        var op = await IntranetSite.SignedInAsync("operator@demo.test");
        await Expect(op.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Formules");
        await Expect(op.GetByRole(AriaRole.Navigation)).Not.ToContainTextAsync("Mon abonnement");
        await page.Context.CloseAsync();
        await op.Context.CloseAsync();
    }

    [TestCase("fr")]
    [TestCase("en")]
    public async Task Every_membership_page_has_no_serious_violation(string language)
    {
        var ids = await IdsAsync();
        foreach (var (email, paths) in new[]
        {
            ("member@demo.test", new[] { "membership", "membership/profile", "directory" }),
            ("owner@demo.test", new[] { "manage/plans", $"manage/plans/{ids.Plan}", "manage/members", $"manage/members/{ids.Member}", "manage/companies", $"manage/companies/{ids.Company}" }),
        })
        {
            var page = await IntranetSite.SignedInAsync(email);
            await page.GotoAsync(IntranetSite.SpaceUrl($"lang/{language}?returnUrl=%2F"));
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(IntranetSite.SpaceUrl(path));
                Assert.That(response!.Ok, Is.True, $"{path} answered {response.Status}");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language);
                var name = $"{path.Replace('/', '-')}-{language}".Replace(ids.Plan, "one", StringComparison.Ordinal)
                    .Replace(ids.Member, "one", StringComparison.Ordinal).Replace(ids.Company, "one", StringComparison.Ordinal);
                await IntranetSite.ScreenshotAsync(page, name);
                var results = await page.RunAxe();
                var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
                Assert.That(serious, Is.Empty, $"{path} ({language}): " + string.Join("; ", serious.Select(v => $"{v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}")));
            }

            await page.Context.CloseAsync();
        }
    }

    [Test]
    public async Task The_membership_pages_fit_a_phone_screen()
    {
        var context = await IntranetSite.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 375, Height = 740 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("account/login"));
        await page.FillAsync("#email", "member@demo.test");
        await page.FillAsync("#password", IntranetSite.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        foreach (var path in new[] { "membership", "membership/profile", "directory" })
        {
            await page.GotoAsync(IntranetSite.SpaceUrl(path));
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.That(overflow, Is.False, $"{path} scrolls sideways on a phone");
        }

        await IntranetSite.ScreenshotAsync(page, "membership-phone");
        await context.CloseAsync();
    }

    /// <summary>A plan, a member (member@demo.test) and a company of the demo, by id.</summary>
    private static async Task<(string Plan, string Member, string Company)> IdsAsync()
    {
        using var op = await IntranetSite.ApiAsync("operator@demo.test");
        var plans = Items(await op.GetNodeAsync("/s/demo/api/membership/plans"));
        var members = Items(await op.GetNodeAsync("/s/demo/api/membership/members?search=member%40demo.test"));
        var companies = Items(await op.GetNodeAsync("/s/demo/api/membership/companies"));
        return (
            plans.First()!["id"]!.GetValue<string>(),
            members.First(m => m!["email"]!.GetValue<string>() == "member@demo.test")!["id"]!.GetValue<string>(),
            companies.First()!["id"]!.GetValue<string>());
    }

    private static List<JsonNode?> Items(JsonNode list) => list switch
    {
        JsonArray array => [.. array],
        JsonObject o when o["items"] is JsonArray items => [.. items],
        _ => [],
    };
}
