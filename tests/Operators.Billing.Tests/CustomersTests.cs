using System.Net;
using System.Text.Json.Nodes;
using Operators.Contracts;
using Operators.Contracts.Membership;

namespace Operators.Billing.Tests;

public sealed partial class BillingApiTests
{
    private static readonly TimeSpan CustomerPatience = TimeSpan.FromSeconds(30);

    private static BillingDetails CustomerDetails(string name, string city = "Lyon", string? siren = null, string? vatNumber = null) =>
        new(name, new Address("12 rue des Tanneurs", "Étage 2", "69001", city, "FR"), siren is not null, siren, vatNumber, "billing@example.test");

    private static Task<JsonObject> CustomerJsonAsync(HttpClient client, Guid id) => GetJsonAsync(client, $"/api/billing/customers/{id}");

    /// <summary>Waits until billing has handled what was published before: a marker member and company, sent last, show up.</summary>
    private async Task CustomersSettledAsync(Guid space)
    {
        await MemberCustomerAsync(space, "Marker " + Guid.NewGuid().ToString("N")[..6]);
        await CompanyCustomerAsync(space, "Marker Corp " + Guid.NewGuid().ToString("N")[..6]);
    }

    [Test]
    public async Task Members_and_companies_become_customers_with_their_billing_details_sorted_by_name()
    {
        var space = await SpaceAsync("customers-list");
        using var treasurer = Treasurer(space);
        var company = await CompanyCustomerAsync(space, "Atelier Zèbre");
        var zoe = await MemberCustomerAsync(space, "Zoé Martin", CustomerDetails("Zoé Martin EI", siren: "552081317", vatNumber: "FR03552081317"));
        var bob = await MemberCustomerAsync(space, "bob Durand", companyId: company);
        var amelie = await MemberCustomerAsync(space, "Amélie Roux", CustomerDetails("Amélie Roux"));

        var list = await GetArrayAsync(treasurer, "/api/billing/customers");
        var one = await CustomerJsonAsync(treasurer, zoe);
        var byId = list.ToDictionary(c => c!["id"]!.GetValue<string>(), c => c!);

        Assert.Multiple(() =>
        {
            Assert.That(list.Select(c => c!["displayName"]!.GetValue<string>()), Is.EqualTo(new[] { "Amélie Roux", "Atelier Zèbre", "bob Durand", "Zoé Martin" }));
            Assert.That(one.ToJsonString(), Is.EqualTo(byId[zoe.ToString()].ToJsonString()));
            Assert.That(one["kind"]!.GetValue<string>(), Is.EqualTo("member"));
            Assert.That(one["email"]!.GetValue<string>(), Does.StartWith("zoé.martin-"));
            Assert.That(one["billing"]!["name"]!.GetValue<string>(), Is.EqualTo("Zoé Martin EI"));
            Assert.That(one["billing"]!["address"]!["city"]!.GetValue<string>(), Is.EqualTo("Lyon"));
            Assert.That(one["billing"]!["address"]!["line2"]!.GetValue<string>(), Is.EqualTo("Étage 2"));
            Assert.That(one["billing"]!["isBusiness"]!.GetValue<bool>(), Is.True);
            Assert.That(one["billing"]!["siren"]!.GetValue<string>(), Is.EqualTo("552081317"));
            Assert.That(one["billing"]!["vatNumber"]!.GetValue<string>(), Is.EqualTo("FR03552081317"));
            Assert.That(one["erased"]!.GetValue<bool>(), Is.False);
            Assert.That(one["companyId"], Is.Null);

            var b = byId[bob.ToString()];
            Assert.That(b["companyId"]!.GetValue<string>(), Is.EqualTo(company.ToString()), "billed to the company");
            Assert.That(b["billing"]!["name"]!.GetValue<string>(), Is.EqualTo("bob Durand"), "no billing details: billed by name");
            Assert.That(b["billing"]!["address"], Is.Null);
            Assert.That(b["billing"]!["isBusiness"]!.GetValue<bool>(), Is.False);

            var c = byId[company.ToString()];
            Assert.That(c["kind"]!.GetValue<string>(), Is.EqualTo("company"));
            Assert.That(c["email"]!.GetValue<string>(), Is.EqualTo("compta@example.test"));
            Assert.That(c["billing"]!["name"]!.GetValue<string>(), Is.EqualTo("Atelier Zèbre SAS"));
            Assert.That(c["billing"]!["isBusiness"]!.GetValue<bool>(), Is.True);
            Assert.That(c["billing"]!["siren"]!.GetValue<string>(), Is.EqualTo("732829320"));
            Assert.That(c["billing"]!["vatNumber"]!.GetValue<string>(), Is.EqualTo("FR44732829320"));
            Assert.That(byId[amelie.ToString()]["billing"]!["isBusiness"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task Only_treasurers_and_owners_see_customers_and_only_their_space_s()
    {
        var space = await SpaceAsync("customers-access");
        var other = await SpaceAsync("customers-other");
        var ana = await MemberCustomerAsync(space, "Ana Access");
        using var owner = Owner(space);
        using var op = Operator(space);
        using var member = As(space, ana);
        using var otherTreasurer = Treasurer(other);

        var byOwner = await CustomerJsonAsync(owner, ana);
        await OperatorsClient.ProblemAsync(await op.GetAsync(new Uri("/api/billing/customers", UriKind.Relative)), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await member.GetAsync(new Uri($"/api/billing/customers/{ana}", UriKind.Relative)), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await otherTreasurer.GetAsync(new Uri($"/api/billing/customers/{ana}", UriKind.Relative)), HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(await owner.GetAsync(new Uri($"/api/billing/customers/{Guid.NewGuid()}", UriKind.Relative)), HttpStatusCode.NotFound);
        var othersList = await GetArrayAsync(otherTreasurer, "/api/billing/customers");

        Assert.Multiple(() =>
        {
            Assert.That(byOwner["displayName"]!.GetValue<string>(), Is.EqualTo("Ana Access"));
            Assert.That(othersList.Select(c => c!["id"]!.GetValue<string>()), Does.Not.Contain(ana.ToString()));
        });
    }

    [Test]
    public async Task A_message_delivered_twice_changes_the_customer_once()
    {
        var space = await SpaceAsync("customers-twice");
        using var treasurer = Treasurer(space);
        var id = await MemberCustomerAsync(space, "Léo Twice");
        var email = (await CustomerJsonAsync(treasurer, id))["email"]!.GetValue<string>();

        var first = Guid.NewGuid();
        await host.PublishAsync(space, new MemberBillingDetailsChanged(id, email, "Léo Twice", CustomerDetails("Léo Premier"), null), first);
        await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, id), c => c["billing"]!["name"]!.GetValue<string>() == "Léo Premier", CustomerPatience, "the first change");
        await host.PublishAsync(space, new MemberBillingDetailsChanged(id, email, "Léo Twice", CustomerDetails("Léo Second"), null));
        await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, id), c => c["billing"]!["name"]!.GetValue<string>() == "Léo Second", CustomerPatience, "the second change");

        // The first message again, as a redelivery: sent now, it would look newest, but its id says it was handled.
        await host.PublishAsync(space, new MemberBillingDetailsChanged(id, email, "Léo Twice", CustomerDetails("Léo Premier"), null), first);
        await CustomersSettledAsync(space);

        Assert.That((await CustomerJsonAsync(treasurer, id))["billing"]!["name"]!.GetValue<string>(), Is.EqualTo("Léo Second"));
    }

    [Test]
    public async Task A_message_sent_before_the_one_applied_changes_nothing_when_it_arrives_late()
    {
        var space = await SpaceAsync("customers-late");
        using var treasurer = Treasurer(space);
        var member = await MemberCustomerAsync(space, "Maud Late", CustomerDetails("Maud Late", city: "Lyon"));
        var company = await CompanyCustomerAsync(space, "Late Corp");
        var email = (await CustomerJsonAsync(treasurer, member))["email"]!.GetValue<string>();

        await host.PublishAsync(space, new MemberBillingDetailsChanged(member, email, "Maud Late", CustomerDetails("Maud Late", city: "Paris"), company));
        await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, member), c => c["billing"]!["address"]!["city"]!.GetValue<string>() == "Paris", CustomerPatience, "the move to Paris");
        await host.PublishAsync(space, new CompanyChanged(company, "Late Corp", CustomerDetails("Late Corp SA", city: "Nantes", siren: "552081317")));
        await Eventually.MatchAsync(() => CustomerJsonAsync(treasurer, company), c => c["billing"]!["name"]!.GetValue<string>() == "Late Corp SA", CustomerPatience, "the company's change");

        // Sent an hour ago, delivered now: membership changed both since.
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1);
        await host.PublishAsync(space, new MemberBillingDetailsChanged(member, email, "Maud Old", CustomerDetails("Maud Old", city: "Marseille"), null), sentAt: hourAgo);
        await host.PublishAsync(space, new CompanyChanged(company, "Old Corp", CustomerDetails("Old Corp SARL", city: "Lille", siren: "732829320")), sentAt: hourAgo);
        await CustomersSettledAsync(space);
        var m = await CustomerJsonAsync(treasurer, member);
        var c = await CustomerJsonAsync(treasurer, company);

        Assert.Multiple(() =>
        {
            Assert.That(m["displayName"]!.GetValue<string>(), Is.EqualTo("Maud Late"));
            Assert.That(m["billing"]!["address"]!["city"]!.GetValue<string>(), Is.EqualTo("Paris"));
            Assert.That(m["companyId"]!.GetValue<string>(), Is.EqualTo(company.ToString()));
            Assert.That(c["displayName"]!.GetValue<string>(), Is.EqualTo("Late Corp"));
            Assert.That(c["billing"]!["address"]!["city"]!.GetValue<string>(), Is.EqualTo("Nantes"));
            Assert.That(c["billing"]!["siren"]!.GetValue<string>(), Is.EqualTo("552081317"));
        });
    }
}
