using System.Net;
using System.Net.Http.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Operators.Intranet.Tests;

/// <summary>The people page shows a person as the space knows them, not as they are known elsewhere.</summary>
public sealed class PeoplePrivacyTests
{
    [Test]
    public async Task A_person_with_an_account_elsewhere_appears_under_the_typed_name_and_invited_until_they_come()
    {
        var email = $"ailleurs-{Guid.NewGuid().ToString("N")[..8]}@example.test";
        using (var anonymous = new OperatorsClient(IntranetSite.Host.Process.BaseAddress))
        {
            using var registered = await anonymous.Http.PostAsJsonAsync("/auth/register", new { email, password = IntranetSite.Password, displayName = "Nom choisi ailleurs" });
            await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
            var confirm = await Mailbox.LinkAsync(IntranetSite.Host.MailFolder, email, "account/confirm");
            using var confirmed = await anonymous.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = confirm.UserId, code = confirm.Code, password = IntranetSite.Password });
            await OperatorsClient.ExpectAsync(confirmed, HttpStatusCode.NoContent);
        }

        var owner = await IntranetSite.SignedInAsync("owner@demo.test");
        await owner.GotoAsync(IntranetSite.SpaceUrl("manage/people"));
        await owner.FillAsync("#person-email", email);
        await owner.FillAsync("#person-name", "Nom tapé ici");
        await owner.GetByRole(AriaRole.Button, new() { Name = "Ajouter", Exact = true }).ClickAsync();
        await owner.WaitForURLAsync("**/manage/people?done=granted");
        var row = owner.GetByTestId("person").Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("Nom tapé ici");
        await Expect(row).ToContainTextAsync("Invité·e");
        await Expect(row).Not.ToContainTextAsync("Nom choisi ailleurs");

        // The person comes to the space signed in: from then on it sees the name they chose.
        var person = await IntranetSite.SignedInAsync(email);
        await person.Context.CloseAsync();
        await owner.ReloadAsync();
        await Expect(row).ToContainTextAsync("Nom choisi ailleurs");
        await Expect(row).ToContainTextAsync("Actif");
        await owner.Context.CloseAsync();
    }
}
