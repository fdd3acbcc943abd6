using System.Net;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>What operators do at the desk, and what members may not.</summary>
public sealed class OperatorTests
{
    [Test]
    public async Task An_operator_creates_a_resource_that_members_then_see_on_the_book_page()
    {
        var name = "Atelier " + Guid.NewGuid().ToString("N")[..4];
        var page = await IntranetSite.SignedInAsync("operator@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/resources"));
        await page.FillAsync("#new-name", name);
        await page.SelectOptionAsync("#new-kind", "desk-pool");
        await page.FillAsync("#new-capacity", "6");
        await page.FillAsync("#new-day", "9.50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer" }).ClickAsync();
        await page.WaitForURLAsync("**/manage/resources?done=created");
        await Expect(page.GetByTestId("resource-row").Filter(new() { HasText = name })).ToContainTextAsync("9,50");

        var member = await IntranetSite.SignedInAsync("member@demo.test");
        await member.GotoAsync(IntranetSite.SpaceUrl($"book?date={IntranetSite.Iso(IntranetSite.OpenDay(1))}"));
        await Expect(member.Locator($"[data-testid=resource][data-name='{name}'] [data-testid=free]")).ToHaveTextAsync("6 sur 6 libre(s)");
        await page.Context.CloseAsync();
        await member.Context.CloseAsync();
    }

    [Test]
    public async Task A_member_cannot_reach_the_operator_pages()
    {
        var page = await IntranetSite.SignedInAsync("member@demo.test");
        foreach (var path in new[] { "manage/resources", "manage/today", "manage/day-pass", "manage/hours", "manage/people", "manage/theme" })
        {
            var response = await page.GotoAsync(IntranetSite.SpaceUrl(path));
            Assert.That(response!.Status, Is.EqualTo((int)HttpStatusCode.Forbidden), path);
            await Expect(page.GetByTestId("denied")).ToBeVisibleAsync();
            await Expect(page.Locator("main form")).ToHaveCountAsync(0);
        }

        await Expect(page.GetByRole(AriaRole.Navigation)).Not.ToContainTextAsync("Ressources");
        await page.Context.CloseAsync();
    }

    [Test]
    public async Task The_operator_sells_a_day_pass_and_checks_the_guest_in_on_the_today_page()
    {
        var page = await IntranetSite.SignedInAsync("operator@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/day-pass"));
        // Today while the desk is open (then the guest is checked in too), otherwise the next open day.
        var now = DateTimeOffset.UtcNow;
        var checkIn = IntranetSite.CheckInOpen(now);
        var day = checkIn ? TestCalendar.Today(now, TestCalendar.Paris) : IntranetSite.OpenDay(1);
        await page.FillAsync("#pass-date", IntranetSite.Iso(day));
        await page.FillAsync("#pass-name", "Gaston Lagaffe");
        await page.SelectOptionAsync("#pass-paid", "cheque");
        await page.GetByRole(AriaRole.Button, new() { Name = "Vendre le pass" }).ClickAsync();
        await Expect(page.GetByTestId("success")).ToContainTextAsync("Pass journée vendu");

        await page.GotoAsync(IntranetSite.SpaceUrl($"manage/today?date={IntranetSite.Iso(day)}"));
        var guest = page.GetByTestId("booking").Filter(new() { HasText = "Gaston Lagaffe (pass journée)" }).First;
        await Expect(guest).ToBeVisibleAsync();
        if (checkIn)
        {
            await guest.GetByRole(AriaRole.Button).ClickAsync();
            await Expect(page.GetByTestId("success")).ToContainTextAsync("Arrivée enregistrée");
        }

        await page.Context.CloseAsync();
    }

    [Test]
    public async Task The_owner_grants_a_role_by_email_and_the_invited_person_appears_in_people()
    {
        var email = $"nina-{Guid.NewGuid().ToString("N")[..8]}@demo.test";
        var page = await IntranetSite.SignedInAsync("owner@demo.test");
        await page.GotoAsync(IntranetSite.SpaceUrl("manage/people"));
        await page.FillAsync("#person-email", email);
        await page.FillAsync("#person-name", "Nina Nouvelle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/manage/people?done=granted");
        var row = page.GetByTestId("person").Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Invité·e");
        await Expect(row).ToContainTextAsync("Membre");
        Assert.That(Mailbox.MessagesTo(IntranetSite.Host.MailFolder, email), Has.Count.EqualTo(1), "the invitation is emailed");
        await page.Context.CloseAsync();
    }
}
