using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>The pages under their Content-Security-Policy (this site only, no inline script or style) still work.</summary>
public sealed class SecurityHeadersTests
{
    private static readonly string[] Pages = ["", "book", "my-bookings", "events", "manage/today", "manage/resources", "manage/day-pass", "manage/hours", "manage/people", "manage/theme"];

    [Test]
    public async Task Signed_in_pages_send_the_security_headers_and_the_browser_refuses_nothing_on_them()
    {
        var page = await IntranetSite.SignedInAsync("owner@demo.test");
        var refused = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                refused.Add($"{page.Url}: {message.Text}");
            }
        };

        foreach (var path in Pages)
        {
            var response = await page.GotoAsync(IntranetSite.SpaceUrl(path));
            Assert.That(response!.Ok, Is.True, path);
            var headers = await response.AllHeadersAsync();
            Assert.Multiple(() =>
            {
                Assert.That(headers["content-security-policy"], Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Not.Contain("unsafe-inline"), path);
                Assert.That(headers["x-content-type-options"], Is.EqualTo("nosniff"), path);
                Assert.That(headers["referrer-policy"], Is.EqualTo("same-origin"), path);
                Assert.That(headers["x-frame-options"], Is.EqualTo("DENY"), path);
            });
        }

        // The space's accent reaches the page through its stylesheet (the header is coloured, not transparent).
        var background = await page.Locator("header.top").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.That(background, Is.Not.EqualTo("rgba(0, 0, 0, 0)"));
        Assert.That(refused, Is.Empty);

        // Forms still post (antiforgery, same origin): the theme's colour is saved and shown.
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/theme"));
        await page.Locator("#accent").EvaluateAsync("(e, v) => { e.value = v; }", "#123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await page.WaitForURLAsync("**/manage/theme?done=saved");
        Assert.That(await page.Locator("header.top").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"), Is.EqualTo("rgb(18, 52, 86)"));
        Assert.That(refused, Is.Empty);
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task Signing_in_with_a_return_address_no_header_can_carry_lands_home()
    {
        var page = await IntranetSite.NewPageAsync();
        await page.GotoAsync(IntranetSite.SpaceUrl("account/login?returnUrl=%2Fcaf%C3%A9"));
        await page.FillAsync("#email", "member@demo.test");
        await page.FillAsync("#password", IntranetSite.Password);
        var answer = await page.RunAndWaitForResponseAsync(
            () => page.ClickAsync("main button[type=submit]"),
            r => r.Request.Method == "POST");
        Assert.That(answer.Status, Is.LessThan(500));
        await page.WaitForURLAsync(IntranetSite.SpaceUrl());
        await Expect(page.Locator("header .who")).Not.ToBeEmptyAsync();
        await page.Context.CloseAsync();
    }
}
