using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>What members do every day, in the browser.</summary>
public sealed class MemberJourneyTests
{
    [Test]
    public async Task A_member_books_the_last_seat_sees_it_on_home_and_in_my_bookings_then_cancels_it()
    {
        var pool = "Coin lecture " + Guid.NewGuid().ToString("N")[..4];
        var poolId = await IntranetSite.CreatePoolAsync(pool, capacity: 2);
        var day = IntranetSite.OpenDay(2);
        using (var camille = await IntranetSite.ApiAsync("camille@demo.test"))
        {
            using var taken = await camille.Http.PostAsJsonAsync($"/s/demo/api/booking/bookings", new { resourceId = poolId, date = IntranetSite.Iso(day) });
            await OperatorsClient.ExpectAsync(taken, HttpStatusCode.Created);
        }

        var page = await IntranetSite.SignedInAsync("member@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl($"book?date={IntranetSite.Iso(day)}"));
        var card = page.Locator($"[data-testid=resource][data-name='{pool}']");
        await Expect(card.GetByTestId("free")).ToHaveTextAsync("1 sur 2 libre(s)");
        await card.GetByRole(AriaRole.Button).ClickAsync();

        await page.WaitForURLAsync("**/my-bookings?done=booked");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("C'est réservé");
        var row = page.GetByTestId("booking").Filter(new() { HasText = pool });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row).ToHaveAttributeAsync("data-status", "confirmed");

        await page.GotoAsync(IntranetSite.SpaceUrl());
        await Expect(page.GetByTestId("next-bookings")).ToContainTextAsync(pool);

        // The pool is now full for everyone: the Book page says so.
        await page.GotoAsync(IntranetSite.SpaceUrl($"book?date={IntranetSite.Iso(day)}"));
        await Expect(card.GetByTestId("free")).ToHaveTextAsync("Complet : les 2 places sont prises ce jour-là.");

        await page.GotoAsync(IntranetSite.SpaceUrl("my-bookings"));
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page.GetByTestId("fee")).ToContainTextAsync("Annuler maintenant est gratuit.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer l'annulation" }).ClickAsync();
        await page.WaitForURLAsync("**/my-bookings?done=cancelled");
        await Expect(page.GetByTestId("success")).ToContainTextAsync("La réservation est annulée.");
        await Expect(row).ToHaveAttributeAsync("data-status", "cancelled");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_second_member_trying_the_same_last_seat_is_told_it_is_full_and_why()
    {
        var pool = "Mezzanine " + Guid.NewGuid().ToString("N")[..4];
        await IntranetSite.CreatePoolAsync(pool, capacity: 1);
        var day = IntranetSite.OpenDay(3);
        var url = IntranetSite.SpaceUrl($"book?date={IntranetSite.Iso(day)}");

        var first = await IntranetSite.SignedInAsync("member@demo.test");
        var second = await IntranetSite.SignedInAsync("lea@demo.test", locale: "en-GB");
        await second.GotoAsync(IntranetSite.SpaceUrl("lang/en?returnUrl=%2F"));
        await first.GotoAsync(url);
        await second.GotoAsync(url);

        await first.Locator($"[data-testid=resource][data-name='{pool}']").GetByRole(AriaRole.Button).ClickAsync();
        await first.WaitForURLAsync("**/my-bookings?done=booked");

        // Léa's page still shows the seat free; the API is the judge, and she is told why it failed.
        await second.Locator($"[data-testid=resource][data-name='{pool}']").GetByRole(AriaRole.Button).ClickAsync();
        var error = second.GetByTestId("error");
        await Expect(error).ToContainTextAsync("Full: there is no seat left at that time.");
        await Expect(error).ToContainTextAsync($"{pool} is full on {IntranetSite.Iso(day)}");
        await Expect(second.Locator($"[data-testid=resource][data-name='{pool}'] [data-testid=free]")).ToHaveTextAsync("Full: all 1 seats are taken that day.");
        await IntranetSite.ScreenshotAsync(second, "book-full-en");
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Test]
    public async Task The_same_page_speaks_french_by_default_in_a_french_space_and_english_when_chosen()
    {
        var page = await IntranetSite.SignedInAsync("member@demo.test", locale: "en-US");
        await page.GotoAsync(IntranetSite.SpaceUrl("my-bookings"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "fr");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes réservations");
        await Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Réserver");

        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/my-bookings");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My bookings");
        await Expect(page.GetByRole(AriaRole.Navigation)).ToContainTextAsync("Book");
        await IntranetSite.ScreenshotAsync(page, "my-bookings-en");

        await page.GetByRole(AriaRole.Link, new() { Name = "Français" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes réservations");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task Nobody_signed_in_is_sent_to_sign_in_and_comes_back_to_the_page_asked_for()
    {
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("events"));
        await page.WaitForURLAsync("**/account/login?returnUrl=%2Fevents");
        await page.FillAsync("#email", "member@demo.test");
        await page.FillAsync("#password", IntranetSite.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync("**/s/demo/events");
        await Expect(page.GetByTestId("event").First).ToContainTextAsync("Déjeuner partagé");

        await page.GetByTestId("event").First.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForURLAsync("**/events?done=going");
        await Expect(page.GetByTestId("event").First).ToContainTextAsync("Vous y allez.");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task A_form_sent_after_it_expired_does_nothing_and_says_so_on_its_page()
    {
        var page = await IntranetSite.SignedInAsync("camille@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("events"));
        var card = page.GetByTestId("event").First;
        var before = await card.InnerTextAsync();

        // What a token minted before signing in or out in another tab looks like to the server.
        const string Stale = "els => els.forEach(e => e.value = 'CfDJ8-stale-token')";
        await page.EvalOnSelectorAllAsync("input[name=__RequestVerificationToken]", Stale);
        await card.GetByRole(AriaRole.Button).ClickAsync();
        await page.WaitForURLAsync("**/s/demo/events");
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Votre formulaire avait expiré");
        Assert.That(await page.GetByTestId("event").First.InnerTextAsync(), Is.EqualTo(before), "the RSVP did not happen");

        // The notice shows once; signing out with a stale form leaves the person signed in, told why.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("error")).ToHaveCountAsync(0);
        await page.EvalOnSelectorAllAsync("input[name=__RequestVerificationToken]", Stale);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await Expect(page.GetByTestId("error")).ToContainTextAsync("Votre formulaire avait expiré");
        await Expect(page.Locator("header .who")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task The_space_is_also_served_on_its_own_host_with_the_same_pages()
    {
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceHostUrl("account/login"));
        await page.FillAsync("#email", "member@demo.test");
        await page.FillAsync("#password", IntranetSite.Password);
        await page.ClickAsync("main button[type=submit]");
        await page.WaitForURLAsync(IntranetSite.SpaceHostUrl());
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("La Grange Numérique");

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Mes réservations" }).ClickAsync();
        await page.WaitForURLAsync(IntranetSite.SpaceHostUrl("my-bookings"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Mes réservations");
        await page.Context.CloseAsync();
    }
}
