using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Membership;

namespace Operators.Membership.Tests;

public sealed partial class MembershipApiTests
{
    private static JsonObject CompanyBody(string name, string siren = "732829320") => new()
    {
        ["name"] = name,
        ["email"] = "compta@example.test",
        ["billing"] = new JsonObject
        {
            ["name"] = name + " SAS",
            ["address"] = new JsonObject { ["line1"] = "3 place du Marché", ["postalCode"] = "69002", ["city"] = "Lyon" },
            ["siren"] = siren,
        },
    };

    private static async Task<string> CreateCompanyAsync(HttpClient op, string name)
    {
        using var response = await op.PostAsJsonAsync("/api/membership/companies", CompanyBody(name));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    [Test]
    public async Task Companies_are_operators_only_businesses_by_default_and_published_when_created_or_changed()
    {
        var space = await SpaceAsync("companies");
        var other = await SpaceAsync("companies-other");
        using var op = Operator(space);
        using var otherOp = Operator(other);
        var alice = await JoinAsync(space, "Alice Company");
        using var asAlice = As(space, alice);

        using var created = await op.PostAsJsonAsync("/api/membership/companies", CompanyBody("Atelier Bleu"));
        await OperatorsClient.ExpectAsync(created, HttpStatusCode.Created);
        var company = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = company["id"]!.GetValue<string>();
        using (var same = await op.PutAsJsonAsync($"/api/membership/companies/{id}", CompanyBody("Atelier Bleu")))
        {
            await OperatorsClient.ExpectAsync(same, HttpStatusCode.OK);
        }

        using (var renamed = await op.PutAsJsonAsync($"/api/membership/companies/{id}", CompanyBody("Atelier Indigo")))
        {
            await OperatorsClient.ExpectAsync(renamed, HttpStatusCode.OK);
        }

        var changes = await PublishedAsync<CompanyChanged>(c => c.CompanyId == Guid.Parse(id), 2, "the creation and the rename");
        using var memberList = await asAlice.GetAsync(new Uri("/api/membership/companies", UriKind.Relative));
        using var memberPost = await asAlice.PostAsJsonAsync("/api/membership/companies", CompanyBody("Nope"));
        using var elsewhere = await otherOp.GetAsync(new Uri($"/api/membership/companies/{id}", UriKind.Relative));
        using var elsewherePut = await otherOp.PutAsJsonAsync($"/api/membership/companies/{id}", CompanyBody("Taken over"));
        using var elsewhereDelete = await otherOp.DeleteAsync(new Uri($"/api/membership/companies/{id}", UriKind.Relative));
        using var noBilling = await op.PostAsJsonAsync("/api/membership/companies", new JsonObject { ["name"] = "No billing" });
        using var badSiren = await op.PostAsJsonAsync("/api/membership/companies", CompanyBody("Bad", siren: "732829321"));
        using var badEmail = await op.PostAsJsonAsync("/api/membership/companies", CompanyBody("Bad").Also(c => c["email"] = "not an email"));
        var list = await GetArrayAsync(op, "/api/membership/companies");

        Assert.Multiple(async () =>
        {
            Assert.That(company["billing"]!["isBusiness"]!.GetValue<bool>(), Is.True);
            Assert.That(company["billing"]!["address"]!["country"]!.GetValue<string>(), Is.EqualTo("FR"));
            Assert.That(company["members"]!.AsArray(), Is.Empty);
            Assert.That(changes.Select(c => c.Name), Is.EqualTo(new[] { "Atelier Bleu", "Atelier Indigo" }));
            Assert.That(changes[0].Billing, Is.EqualTo(new BillingDetails(
                "Atelier Bleu SAS", new Contracts.Address("3 place du Marché", null, "69002", "Lyon", "FR"), true, "732829320", null, "compta@example.test")));
            Assert.That(memberList.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(memberPost.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(elsewhere.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(elsewherePut.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(elsewhereDelete.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((await ErrorsAsync(noBilling)).Select(e => e.Key), Is.EqualTo(new[] { "billing" }));
            Assert.That((await ErrorsAsync(badSiren)).Select(e => e.Key), Is.EqualTo(new[] { "billing.siren" }));
            Assert.That((await ErrorsAsync(badEmail)).Select(e => e.Key), Is.EqualTo(new[] { "email" }));
            Assert.That(list.Select(c => c!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "Atelier Indigo" }));
        });
    }

    [Test]
    public async Task A_company_with_members_attached_cannot_be_deleted_until_they_are_detached()
    {
        var space = await SpaceAsync("company-delete");
        using var op = Operator(space);
        var alice = await JoinAsync(space, "Alice Delete");
        var id = await CreateCompanyAsync(op, "Éphémère");
        using (var attach = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = id)))
        {
            await OperatorsClient.ExpectAsync(attach, HttpStatusCode.OK);
        }

        using var refused = await op.DeleteAsync(new Uri($"/api/membership/companies/{id}", UriKind.Relative));
        var conflict = await OperatorsClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        using (var detach = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = null)))
        {
            await OperatorsClient.ExpectAsync(detach, HttpStatusCode.OK);
        }

        using var deleted = await op.DeleteAsync(new Uri($"/api/membership/companies/{id}", UriKind.Relative));
        using var gone = await op.GetAsync(new Uri($"/api/membership/companies/{id}", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(conflict["detail"]!.GetValue<string>(), Does.Contain("members"));
            Assert.That(deleted.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(gone.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        });
    }
}
