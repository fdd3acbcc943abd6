using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>Registration, invitations and forgotten passwords through the pages and the emailed links, in French.</summary>
public sealed class AccountPagesTests
{
    private const string NewPassword = "Nouveau-mot-2-passe";

    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid().ToString("N")[..8]}@exemple.fr";

    private static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
    }

    [Test]
    public async Task Someone_new_registers_confirms_through_the_emailed_link_and_signs_in()
    {
        var email = NewEmail("margaux");
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("account/register"));
        await page.FillAsync("#name", "Margaux Martin");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", NewPassword);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Presque fini");

        var link = await Mailbox.LinkAsync(IntranetSite.Host.MailFolder, email, "account/confirm");
        Assert.That(link.Url.AbsolutePath, Is.EqualTo($"/s/{IntranetSite.Space}/account/confirm"), "the link comes back to the space");
        await page.GotoAsync(IntranetSite.BaseUrl + link.Url.PathAndQuery);
        await page.FillAsync("#password", "Pas-le-bon-1");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Ce n'est pas le mot de passe choisi à l'inscription.");
        await page.FillAsync("#password", NewPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/account/login?done=confirmed");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Votre adresse est confirmée");

        await SignInAsync(page, email, NewPassword);
        await Expect(page.Locator("header .who")).ToHaveTextAsync("Margaux Martin");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_weak_password_is_refused_with_the_rules_it_breaks_in_french_and_nothing_is_created()
    {
        var email = NewEmail("faible");
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("account/register"));
        await page.FillAsync("#name", "Mot de passe faible");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", "court");
        await page.ClickAsync("main button[type=submit]");

        var error = page.GetByTestId("error");
        await Expect(error).ToContainTextAsync("Certaines informations sont à revoir");
        await Expect(error).ToContainTextAsync("Le mot de passe doit compter au moins 8 caractères.");
        await Expect(error).ToContainTextAsync("Le mot de passe doit contenir un chiffre.");
        await Expect(error).ToContainTextAsync("Le mot de passe doit contenir une majuscule.");
        await Expect(error).Not.ToContainTextAsync("Passwords must");
        await Expect(page.Locator("#email")).ToHaveValueAsync(email);
        Assert.That(Mailbox.MessagesTo(IntranetSite.Host.MailFolder, email), Is.Empty, "no account, no email");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task An_invited_person_accepts_through_the_link_then_resets_a_forgotten_password()
    {
        var email = NewEmail("invitee");
        using (var owner = await IntranetSite.ApiAsync("owner@demo.test"))
        {
            await owner.GrantAsync(IntranetSite.Space, email, "member");
        }

        var invitation = await Mailbox.LinkAsync(IntranetSite.Host.MailFolder, email, "account/claim");
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.BaseUrl + invitation.Url.PathAndQuery);
        await page.FillAsync("#name", "Inès Invitée");
        await page.FillAsync("#password", NewPassword);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(IntranetSite.SpaceUrl());
        await Expect(page.Locator("header .who")).ToHaveTextAsync("Inès Invitée");
        await page.Context.CloseAsync();

        var before = Mailbox.MessagesTo(IntranetSite.Host.MailFolder, email).Count;
        page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("account/forgot"));
        await page.FillAsync("#email", email);
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("un lien pour choisir un nouveau mot de passe est en route");

        var reset = await Mailbox.LinkAsync(IntranetSite.Host.MailFolder, email, "account/reset", after: before);
        await page.GotoAsync(IntranetSite.BaseUrl + reset.Url.PathAndQuery);
        await page.FillAsync("#password", "Encore-1-autre");
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/account/login?done=reset");
        await SignInAsync(page, email, "Encore-1-autre");
        await Expect(page.Locator("header .who")).ToHaveTextAsync("Inès Invitée");

        // A reset link serves once: whoever finds it in the mailbox later cannot use it.
        await page.GotoAsync(IntranetSite.BaseUrl + reset.Url.PathAndQuery);
        await page.FillAsync("#password", "Pirate-9-pass");
        await page.ClickAsync("main button[type=submit]");
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Ce lien n'est pas valide ou a déjà servi");
        await page.Context.CloseAsync();
    }

    [TestCase("/\t//evil.example/")]
    [TestCase("/https:evil.example")]
    [TestCase("//evil.example")]
    public async Task Signing_in_never_leaves_the_site_whatever_return_address_the_link_carried(string returnUrl)
    {
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("account/login?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        await SignInAsync(page, "member@demo.test", IntranetSite.Password);
        Assert.That(page.Url, Does.StartWith(IntranetSite.SpaceUrl()));
        await page.Context.CloseAsync();
    }
}
