using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Operators.Intranet.Tests;

/// <summary>axe-core on every main page: no serious or critical violation. Each page is also kept as a screenshot.</summary>
public sealed class AccessibilityTests
{
    private static readonly string[] MemberPages = ["", "book", "my-bookings", "events", "invoices"];
    private static readonly string[] OperatorPages = ["manage/today", "manage/resources", "manage/day-pass", "manage/hours", "manage/people", "manage/theme", "billing/invoices", "billing/invoices/new", "billing/settings", "billing/integrity"];

    [Test]
    public async Task Pages_anyone_sees_have_no_serious_violation()
    {
        var page = await IntranetSite.NewPageAsync();
        await CheckAsync(page, $"{IntranetSite.BaseUrl}/", "directory");
        await CheckAsync(page, IntranetSite.SpaceUrl("account/login"), "login");
        await CheckAsync(page, IntranetSite.SpaceUrl("account/register"), "register");
        await CheckAsync(page, IntranetSite.SpaceUrl("account/forgot"), "forgot-password");
        await CheckAsync(page, IntranetSite.SpaceUrl(), "space-home-visitor");
        await CheckAsync(page, IntranetSite.SpaceUrl("day-pass"), "guest-day-pass");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task Member_pages_have_no_serious_violation()
    {
        var page = await IntranetSite.SignedInAsync("member@demo.test");
        foreach (var path in MemberPages)
        {
            await CheckAsync(page, IntranetSite.SpaceUrl(path), "member-" + (path.Length == 0 ? "home" : path));
        }

        await page.Context.CloseAsync();
    }

    [Test]
    public async Task Operator_pages_have_no_serious_violation()
    {
        var page = await IntranetSite.SignedInAsync("owner@demo.test");
        foreach (var path in OperatorPages)
        {
            await CheckAsync(page, IntranetSite.SpaceUrl(path), path.Replace('/', '-'));
        }

        await page.Context.CloseAsync();
    }

    private static async Task CheckAsync(IPage page, string url, string name)
    {
        var response = await page.GotoAsync(url);
        Assert.That(response!.Ok, Is.True, $"{url} answered {response.Status}");
        await IntranetSite.ScreenshotAsync(page, name);
        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.That(serious, Is.Empty, $"{name}: " + string.Join("; ", serious.Select(Describe)));
    }

    private static string Describe(AxeResultItem v) =>
        $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target?.ToString()))}";
}
