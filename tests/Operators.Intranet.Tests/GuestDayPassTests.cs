using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>
/// A guest without an account buys a day pass on the space's public page: held while paying, then paid online on
/// Stripe's page (the local fake) and confirmed by its webhook, or — in a space without Stripe — paid at the desk and
/// confirmed by an operator on the Today page.
/// </summary>
public sealed class GuestDayPassTests
{
    private const string WebhookSecret = "whsec_IntranetGuestDayPass00001";

    [Test]
    public async Task Without_online_payment_a_guest_holds_a_seat_to_pay_at_the_desk_and_the_operator_confirms_it_on_the_today_page()
    {
        var day = IntranetSite.OpenDay(4);
        var guest = await IntranetSite.NewPageAsync();
        await guest.GotoAsync(IntranetSite.SpaceUrl());
        await guest.GetByTestId("buy-day-pass").ClickAsync();
        await guest.WaitForURLAsync("**/s/demo/day-pass");
        await BuyAsync(guest, day, "Camille Desk", "camille.desk@example.org");

        // Billing answers that the space takes no online payment: the page says so, and the seat stays held.
        var pass = guest.GetByTestId("day-pass");
        await Expect(pass).ToContainTextAsync("à l'accueil", new() { Timeout = 20_000 });
        await Expect(pass).ToHaveAttributeAsync("data-status", "held");
        await Expect(guest.GetByTestId("hold")).ToContainTextAsync("Votre place est réservée jusqu'à");
        await IntranetSite.ScreenshotAsync(guest, "guest-day-pass-at-desk");
        var serious = (await guest.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).ToList();
        Assert.That(serious, Is.Empty, "the guest's pass page");

        var desk = await IntranetSite.SignedInAsync("operator@demo.test");
        await desk.GotoAsync(IntranetSite.SpaceUrl($"manage/today?date={IntranetSite.Iso(day)}"));
        var row = desk.GetByTestId("booking").Filter(new() { HasText = "Camille Desk (pass journée)" });
        await Expect(row).ToContainTextAsync("À régler à l'accueil");
        await row.GetByRole(AriaRole.Combobox).SelectOptionAsync("cheque");
        await row.GetByRole(AriaRole.Button, new() { Name = "Confirmer le pass journée de Camille Desk (pass journée)" }).ClickAsync();
        await Expect(desk.GetByTestId("success")).ToContainTextAsync("Pass journée confirmé");
        row = desk.GetByTestId("booking").Filter(new() { HasText = "Camille Desk (pass journée)" });
        await Expect(row).ToContainTextAsync("Attendu");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Confirmer le pass journée de Camille Desk (pass journée)" })).ToHaveCountAsync(0);

        await guest.ReloadAsync();
        await Expect(guest.GetByTestId("day-pass")).ToHaveAttributeAsync("data-status", "confirmed");
        await Expect(guest.GetByTestId("day-pass")).ToContainTextAsync("Votre pass journée est confirmé");

        // The sale went to billing as a cheque: the guest's invoice is issued and paid.
        using var treasurer = await IntranetSite.ApiAsync("treasurer@demo.test");
        var invoices = await Eventually.MatchAsync(
            async () => (await treasurer.Http.GetFromJsonAsync<JsonArray>($"/s/{IntranetSite.Space}/api/billing/invoices"))!,
            list => list.Any(i => i!["customerName"]?.ToString().Contains("Camille Desk", StringComparison.Ordinal) == true),
            TimeSpan.FromSeconds(20),
            "the desk sale's invoice");
        Assert.That(invoices.Count(i => i!["customerName"]?.ToString().Contains("Camille Desk", StringComparison.Ordinal) == true), Is.EqualTo(1));
        await guest.Context.CloseAsync();
        await desk.Context.CloseAsync();
    }

    [Test]
    public async Task With_the_spaces_stripe_keys_a_guest_pays_on_stripes_page_and_comes_back_to_a_confirmed_pass()
    {
        using var treasurer = await IntranetSite.ApiAsync("treasurer@demo.test");
        await SetStripeAsync(treasurer, new JsonObject { ["publishableKey"] = "pk_test_51IntranetGuest0Public", ["secretKey"] = "sk_test_51IntranetGuest0SecretKey", ["webhookSecret"] = WebhookSecret });
        IntranetSite.Stripe.Webhook = (new Uri(IntranetSite.SpaceUrl("api/billing/stripe/webhook")), WebhookSecret);
        try
        {
            var guest = await IntranetSite.NewPageAsync();
            await guest.GotoAsync(IntranetSite.SpaceUrl("day-pass"));
            await BuyAsync(guest, IntranetSite.OpenDay(5), "Noé Online", "noe.online@example.org");

            // The page asks again by itself until billing has opened the payment page.
            var pay = guest.GetByTestId("pay");
            await Expect(pay).ToBeVisibleAsync(new() { Timeout = 20_000 });
            Assert.That(await pay.GetAttributeAsync("href"), Does.StartWith(IntranetSite.Stripe.BaseAddress.ToString()));
            await IntranetSite.ScreenshotAsync(guest, "guest-day-pass-online");
            await pay.ClickAsync();
            await guest.GetByRole(AriaRole.Button, new() { Name = "Pay" }).ClickAsync();

            // Back from Stripe with paid=1: confirmed once the webhook's payment has reached booking.
            await guest.WaitForURLAsync(url => url.Contains("/s/demo/day-pass/", StringComparison.Ordinal) && url.Contains("paid=1", StringComparison.Ordinal));
            await Expect(guest.GetByTestId("day-pass")).ToHaveAttributeAsync("data-status", "confirmed", new() { Timeout = 20_000 });
            await Expect(guest.GetByTestId("day-pass")).ToContainTextAsync("Noé Online");
            var invoices = await Eventually.MatchAsync(
                async () => (await treasurer.Http.GetFromJsonAsync<JsonArray>($"/s/{IntranetSite.Space}/api/billing/invoices"))!,
                list => list.Any(i => i!["customerName"]?.ToString().Contains("Noé Online", StringComparison.Ordinal) == true),
                TimeSpan.FromSeconds(20),
                "the online pass's invoice");
            var invoice = invoices.Single(i => i!["customerName"]?.ToString().Contains("Noé Online", StringComparison.Ordinal) == true)!;
            Assert.That(invoice["status"]!.GetValue<string>(), Is.EqualTo("paid"), invoice.ToJsonString());
            await guest.Context.CloseAsync();
        }
        finally
        {
            IntranetSite.Stripe.Webhook = null;
            await SetStripeAsync(treasurer, new JsonObject { ["publishableKey"] = "", ["secretKey"] = "", ["webhookSecret"] = "" });
        }
    }

    [Test]
    public async Task A_pass_whose_key_is_wrong_is_not_shown()
    {
        var guest = await IntranetSite.NewPageAsync();
        // A pass that exists, with a wrong key, and one that does not: the same answer, nothing of the pass shown.
        await guest.GotoAsync(IntranetSite.SpaceUrl("day-pass"));
        await BuyAsync(guest, IntranetSite.OpenDay(6), "Sacha Secret", "sacha.secret@example.org");
        var real = new Uri(guest.Url).AbsolutePath;
        foreach (var address in new[] { IntranetSite.BaseUrl + real + "?key=guess", IntranetSite.BaseUrl + real, IntranetSite.SpaceUrl($"day-pass/{Guid.NewGuid()}?key=guess") })
        {
            await guest.GotoAsync(address);
            await Expect(guest.GetByTestId("error")).ToContainTextAsync("introuvable");
            await Expect(guest.Locator("main")).Not.ToContainTextAsync("Sacha");
        }

        await guest.Context.CloseAsync();
    }

    private static async Task BuyAsync(IPage guest, DateOnly day, string name, string email)
    {
        await guest.FillAsync("#pass-date", IntranetSite.Iso(day));
        if (await guest.Locator("#pass-pool").CountAsync() > 0)
        {
            await guest.SelectOptionAsync("#pass-pool", new SelectOptionValue { Label = (await guest.Locator("#pass-pool option", new() { HasText = "Open space" }).First.TextContentAsync())! });
        }
        else
        {
            await Expect(guest.GetByTestId("day-pass-price")).ToContainTextAsync("€");
        }

        await guest.FillAsync("#pass-name", name);
        await guest.FillAsync("#pass-email", email);
        await guest.GetByRole(AriaRole.Button, new() { Name = "Réserver ma place et payer" }).ClickAsync();
        await guest.WaitForURLAsync("**/s/demo/day-pass/*?key=*");
    }

    private static async Task SetStripeAsync(OperatorsClient treasurer, JsonObject keys)
    {
        var settings = (await treasurer.Http.GetFromJsonAsync<JsonObject>($"/s/{IntranetSite.Space}/api/billing/settings"))!;
        settings["stripe"] = keys;
        using var response = await treasurer.Http.PutAsJsonAsync($"/s/{IntranetSite.Space}/api/billing/settings", settings);
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
    }
}
