using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Membership;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Tests;

public sealed partial class MembershipApiTests
{
    [Test]
    public async Task Operators_see_every_member_a_member_only_themself_and_another_spaces_members_are_a_404()
    {
        var space = await SpaceAsync("roles");
        var other = await SpaceAsync("roles-other");
        var alice = await JoinAsync(space, "Alice Martin");
        var bruno = await JoinAsync(space, "Bruno Petit");
        var carla = await JoinAsync(other, "Carla Roux");
        using var op = Operator(space);
        using var asAlice = As(space, alice);
        using var treasurer = As(space, Guid.NewGuid(), SpaceRoles.Treasurer);
        using var carlaAtHome = As(other, carla);
        using var carlaInAlicesSpace = As(space, carla);
        using var otherOperator = Operator(other);
        using var nobody = host.Client(space, Guid.NewGuid());
        var aliceDocument = await DocumentAsync(asAlice, alice);

        async Task<HttpStatusCode> StatusAsync(HttpClient client, HttpMethod method, string path, JsonNode? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await StatusAsync(op, HttpMethod.Get, "/api/membership/members"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(asAlice, HttpMethod.Get, "/api/membership/members"), Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(await StatusAsync(nobody, HttpMethod.Get, "/api/membership/members"), Is.EqualTo(HttpStatusCode.NotFound), "no role in the space");
            Assert.That(await StatusAsync(asAlice, HttpMethod.Get, $"/api/membership/members/{alice}"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(asAlice, HttpMethod.Get, "/api/membership/members/me"), Is.EqualTo(HttpStatusCode.OK));
            Assert.That(await StatusAsync(asAlice, HttpMethod.Get, $"/api/membership/members/{bruno}"), Is.EqualTo(HttpStatusCode.NotFound), "another member");
            Assert.That(await StatusAsync(asAlice, HttpMethod.Put, $"/api/membership/members/{bruno}", aliceDocument), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(treasurer, HttpMethod.Get, $"/api/membership/members/{bruno}"), Is.EqualTo(HttpStatusCode.NotFound), "a treasurer is not an operator");
            Assert.That(await StatusAsync(treasurer, HttpMethod.Get, "/api/membership/members/me"), Is.EqualTo(HttpStatusCode.NotFound), "no member record");
            Assert.That(await StatusAsync(asAlice, HttpMethod.Get, $"/api/membership/members/{carla}"), Is.EqualTo(HttpStatusCode.NotFound), "a member of another space");
            Assert.That(await StatusAsync(op, HttpMethod.Get, $"/api/membership/members/{carla}"), Is.EqualTo(HttpStatusCode.NotFound), "another space's member, for an operator");
            Assert.That(await StatusAsync(carlaInAlicesSpace, HttpMethod.Get, "/api/membership/members/me"), Is.EqualTo(HttpStatusCode.NotFound), "Carla is no member here");
            Assert.That(await StatusAsync(carlaAtHome, HttpMethod.Get, $"/api/membership/members/{alice}"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(otherOperator, HttpMethod.Put, $"/api/membership/members/{alice}", aliceDocument), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(asAlice, HttpMethod.Get, $"/api/membership/members/{Guid.NewGuid()}"), Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(await StatusAsync(op, HttpMethod.Get, $"/api/membership/members/{Guid.NewGuid()}"), Is.EqualTo(HttpStatusCode.NotFound));
        });
    }

    [Test]
    public async Task The_members_list_searches_names_emails_and_companies_ignoring_case_and_accents_and_puts_active_members_first()
    {
        var space = await SpaceAsync("list");
        var helene = await JoinAsync(space, "Hélène Durand", "helene@atelier.test");
        var yann = await JoinAsync(space, "Yann Abadie", "yann@example.test");
        var zoe = await JoinAsync(space, "Zoé Bernard", "zoe@example.test");
        using var op = Operator(space);
        var company = await CreateCompanyAsync(op, "Forge Numérique");
        using (var attach = await PutAsync(op, $"/api/membership/members/{zoe}", await DocumentAsync(op, zoe, d => d["companyId"] = company)))
        {
            await OperatorsClient.ExpectAsync(attach, HttpStatusCode.OK);
        }

        // Yann loses the member role: kept, listed after the active members.
        await host.PublishAsync(space, new Contracts.People.PersonRolesChanged(yann, []));
        await Eventually.MatchAsync(
            async () => (await GetJsonAsync(op, $"/api/membership/members/{yann}"))["status"]!.GetValue<string>(),
            s => s == "left", TimeSpan.FromSeconds(30), "Yann to have left");

        var all = await GetArrayAsync(op, "/api/membership/members");
        var byName = await GetArrayAsync(op, "/api/membership/members?search=HELENE");
        var byEmail = await GetArrayAsync(op, "/api/membership/members?search=atelier.test");
        var byCompany = await GetArrayAsync(op, "/api/membership/members?search=forge numerique");
        Assert.Multiple(() =>
        {
            Assert.That(all.Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { helene, zoe, yann }.Select(g => g.ToString())));
            Assert.That(all.Select(m => m!["status"]!.GetValue<string>()), Is.EqualTo(new[] { "active", "active", "left" }));
            Assert.That(all[0]!["email"]!.GetValue<string>(), Is.EqualTo("helene@atelier.test"));
            Assert.That(all[1]!["company"]!["name"]!.GetValue<string>(), Is.EqualTo("Forge Numérique"));
            Assert.That(all[1]!["subscription"], Is.Null);
            Assert.That(byName.Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { helene.ToString() }));
            Assert.That(byEmail.Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { helene.ToString() }));
            Assert.That(byCompany.Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { zoe.ToString() }));
        });
    }

    [Test]
    public async Task A_new_member_has_both_opt_ins_off_and_only_the_member_changes_them()
    {
        var space = await SpaceAsync("optin");
        var alice = await JoinAsync(space, "Alice Opt");
        using var op = Operator(space);
        using var asAlice = As(space, alice);
        var fresh = await DocumentAsync(op, alice);

        using var operatorOptsIn = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["directoryOptIn"] = true));
        var directoryDenied = await OperatorsClient.ProblemAsync(operatorOptsIn, HttpStatusCode.Forbidden);
        using var operatorPresence = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["presenceOptIn"] = true));
        var presenceDenied = await OperatorsClient.ProblemAsync(operatorPresence, HttpStatusCode.Forbidden);
        using var operatorEchoes = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["bio"] = "Set by the desk"));
        await OperatorsClient.ExpectAsync(operatorEchoes, HttpStatusCode.OK);
        using var aliceOptsIn = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d =>
        {
            d["directoryOptIn"] = true;
            d["presenceOptIn"] = true;
        }));
        await OperatorsClient.ExpectAsync(aliceOptsIn, HttpStatusCode.OK);
        // Once she said yes, an operator's full document carries her choice back unchanged.
        using var operatorAfter = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["bio"] = "Still set by the desk"));
        await OperatorsClient.ExpectAsync(operatorAfter, HttpStatusCode.OK);
        var after = await GetJsonAsync(asAlice, "/api/membership/members/me");

        Assert.Multiple(() =>
        {
            Assert.That((fresh["directoryOptIn"]!.GetValue<bool>(), fresh["presenceOptIn"]!.GetValue<bool>()), Is.EqualTo((false, false)));
            Assert.That(directoryDenied["detail"]!.GetValue<string>(), Does.Contain("directoryOptIn"));
            Assert.That(presenceDenied["detail"]!.GetValue<string>(), Does.Contain("presenceOptIn"));
            Assert.That((after["directoryOptIn"]!.GetValue<bool>(), after["presenceOptIn"]!.GetValue<bool>()), Is.EqualTo((true, true)));
            Assert.That(after["bio"]!.GetValue<string>(), Is.EqualTo("Still set by the desk"));
        });
    }

    [Test]
    public async Task Only_operators_attach_a_member_to_a_company_of_their_own_space()
    {
        var space = await SpaceAsync("attach");
        var other = await SpaceAsync("attach-other");
        var alice = await JoinAsync(space, "Alice Attach");
        using var op = Operator(space);
        using var otherOp = Operator(other);
        using var asAlice = As(space, alice);
        var company = await CreateCompanyAsync(op, "Coopérative Alpha");
        var foreign = await CreateCompanyAsync(otherOp, "Ailleurs SARL");

        using var byAlice = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d => d["companyId"] = company));
        var denied = await OperatorsClient.ProblemAsync(byAlice, HttpStatusCode.Forbidden);
        using var toForeign = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = foreign));
        var foreignErrors = await ErrorsAsync(toForeign);
        using var toUnknown = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = Guid.NewGuid().ToString()));
        var unknownErrors = await ErrorsAsync(toUnknown);
        using var byOperator = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = company));
        await OperatorsClient.ExpectAsync(byOperator, HttpStatusCode.OK);
        // Alice may still edit her own record: sending back the company she is attached to is not changing it.
        using var aliceEdits = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d => d["bio"] = "Ébéniste"));
        await OperatorsClient.ExpectAsync(aliceEdits, HttpStatusCode.OK);
        var attached = await GetJsonAsync(op, $"/api/membership/companies/{company}");

        Assert.Multiple(() =>
        {
            Assert.That(denied["detail"]!.GetValue<string>(), Does.Contain("companyId"));
            Assert.That(foreignErrors.Select(e => e.Key), Is.EqualTo(new[] { "companyId" }));
            Assert.That(unknownErrors.Select(e => e.Key), Is.EqualTo(new[] { "companyId" }));
            Assert.That(attached["members"]!.AsArray().Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { alice.ToString() }));
        });
    }

    private static readonly (string Field, Action<JsonObject> Break)[] InvalidDocuments =
    [
        ("displayName", d => d["displayName"] = ""),
        ("displayName", d => d["displayName"] = new string('n', 121)),
        ("displayName", d => d["displayName"] = "Tab\tname"),
        ("bio", d => d.Remove("bio")),
        ("bio", d => d["bio"] = new string('b', 2001)),
        ("offers", d => d.Remove("offers")),
        ("looksFor", d => d["looksFor"] = new string('l', 1001)),
        ("directoryOptIn", d => d.Remove("directoryOptIn")),
        ("presenceOptIn", d => d.Remove("presenceOptIn")),
        ("skills", d => d.Remove("skills")),
        ("skills", d => d["skills"] = new JsonArray(Enumerable.Range(1, 21).Select(i => (JsonNode)JsonValue.Create($"skill {i}")!).ToArray())),
        ("skills[0]", d => d["skills"] = new JsonArray(new string('s', 41))),
        ("skills[0]", d => d["skills"] = new JsonArray("bad\u0001skill")),
        ("skills[0]", d => d["skills"] = new JsonArray(" ")),
        ("links", d => d.Remove("links")),
        ("links", d => d["links"] = new JsonArray(Enumerable.Range(1, 6).Select(i => (JsonNode)JsonValue.Create($"https://example.test/{i}")!).ToArray())),
        ("links[0]", d => d["links"] = new JsonArray("ftp://example.test/file")),
        ("links[0]", d => d["links"] = new JsonArray("/relative/path")),
        ("links[0]", d => d["links"] = new JsonArray("javascript:alert(1)")),
        ("billing.name", d => d["billing"] = Billing().Also(b => b["name"] = "")),
        ("billing.address", d => d["billing"] = Billing().Also(b => b.Remove("address"))),
        ("billing.address.line1", d => d["billing"] = Billing().Also(b => b["address"]!["line1"] = "")),
        ("billing.address.city", d => d["billing"] = Billing().Also(b => b["address"]!["city"] = new string('c', 121))),
        ("billing.address.postalCode", d => d["billing"] = Billing(postalCode: "7501")),
        ("billing.address.postalCode", d => d["billing"] = Billing(postalCode: "75O11")),
        ("billing.address.country", d => d["billing"] = Billing(country: "XX")),
        ("billing.address.country", d => d["billing"] = Billing(country: "FRA")),
        ("billing.siren", d => d["billing"] = Billing(siren: "123456789")),
        ("billing.siren", d => d["billing"] = Billing(siren: "12345678")),
        ("billing.siren", d => d["billing"] = Billing(isBusiness: true)),
        ("billing.vatNumber", d => d["billing"] = Billing(siren: "404833048", vatNumber: "FR84404833048")),
        ("billing.vatNumber", d => d["billing"] = Billing(siren: "404833048", vatNumber: "FR83404833047")),
        ("billing.vatNumber", d => d["billing"] = Billing(siren: "732829320", vatNumber: "FR83404833048")),
        ("billing.vatNumber", d => d["billing"] = Billing(vatNumber: "US123456789")),
        ("billing.vatNumber", d => d["billing"] = Billing(vatNumber: "DE1")),
    ];

    [Test]
    public async Task Each_invalid_field_of_a_member_document_is_a_400_naming_it_and_changes_nothing()
    {
        var space = await SpaceAsync("invalid");
        var alice = await JoinAsync(space, "Alice Invalid");
        using var asAlice = As(space, alice);
        var before = await DocumentAsync(asAlice, alice);
        var named = new List<(string Expected, string[] Got)>();
        foreach (var (field, breakIt) in InvalidDocuments)
        {
            var document = (JsonObject)before.DeepClone();
            breakIt(document);
            using var response = await PutAsync(asAlice, "/api/membership/members/me", document);
            named.Add((field, (await ErrorsAsync(response)).Select(e => e.Key).ToArray()));
        }

        using var noBody = await asAlice.PutAsync(new Uri("/api/membership/members/me", UriKind.Relative), JsonContent.Create<object?>(null));
        var after = await DocumentAsync(asAlice, alice);
        Assert.Multiple(async () =>
        {
            foreach (var (expected, got) in named)
            {
                Assert.That(got, Does.Contain(expected), $"errors {string.Join(", ", got)}");
            }

            Assert.That((await ErrorsAsync(noBody)).Select(e => e.Key), Is.EqualTo(new[] { "body" }));
            Assert.That(after.ToJsonString(), Is.EqualTo(before.ToJsonString()));
        });
    }

    [Test]
    public async Task Valid_billing_details_are_stored_compacted_with_skills_deduplicated_ignoring_case()
    {
        var space = await SpaceAsync("valid");
        var alice = await JoinAsync(space, "Alice Valid");
        using var asAlice = As(space, alice);
        using var saved = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d =>
        {
            d["billing"] = Billing(siren: "404 833 048", vatNumber: "fr 83 404833048", isBusiness: true);
            d["skills"] = new JsonArray("Menuiserie", "menuiserie ", "Électronique");
            d["links"] = new JsonArray("https://alice.example.test", "http://old.example.test/page");
        }));
        await OperatorsClient.ExpectAsync(saved, HttpStatusCode.OK);
        using var belgian = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d =>
            d["billing"] = Billing(vatNumber: "BE0123456789", isBusiness: true, country: "be", postalCode: "1000")));
        await OperatorsClient.ExpectAsync(belgian, HttpStatusCode.OK);
        var stored = (await belgian.Content.ReadFromJsonAsync<JsonObject>())!;
        var first = (await saved.Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.Multiple(() =>
        {
            Assert.That(first["billing"]!["siren"]!.GetValue<string>(), Is.EqualTo("404833048"));
            Assert.That(first["billing"]!["vatNumber"]!.GetValue<string>(), Is.EqualTo("FR83404833048"));
            Assert.That(first["skills"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "Menuiserie", "Électronique" }));
            Assert.That(first["links"]!.AsArray(), Has.Count.EqualTo(2));
            Assert.That(stored["billing"]!["address"]!["country"]!.GetValue<string>(), Is.EqualTo("BE"));
            Assert.That(stored["billing"]!["isBusiness"]!.GetValue<bool>(), Is.True);
        });
    }

    [Test]
    public async Task Joining_publishes_the_name_with_both_opt_ins_off_and_edits_publish_only_what_changed()
    {
        var space = await SpaceAsync("events");
        var alice = await JoinAsync(space, "Alice Events");
        using var asAlice = As(space, alice);
        using var op = Operator(space);
        var joined = await PublishedAsync<MemberProfileChanged>(e => e.MemberId == alice, 1, "the new member's profile");

        var document = await DocumentAsync(asAlice, alice);
        using (var same = await PutAsync(asAlice, "/api/membership/members/me", document))
        {
            await OperatorsClient.ExpectAsync(same, HttpStatusCode.OK);
        }

        using (var bioOnly = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d => d["bio"] = "Nothing booking or billing shows")))
        {
            await OperatorsClient.ExpectAsync(bioOnly, HttpStatusCode.OK);
        }

        using (var optIn = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d => d["presenceOptIn"] = true)))
        {
            await OperatorsClient.ExpectAsync(optIn, HttpStatusCode.OK);
        }

        var company = await CreateCompanyAsync(op, "Events & Co");
        using (var attach = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = company)))
        {
            await OperatorsClient.ExpectAsync(attach, HttpStatusCode.OK);
        }

        using (var billing = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d => d["billing"] = Billing())))
        {
            await OperatorsClient.ExpectAsync(billing, HttpStatusCode.OK);
        }

        var billingEvents = await PublishedAsync<MemberBillingDetailsChanged>(e => e.MemberId == alice, 2, "the company, then the billing details");
        var profiles = Published<MemberProfileChanged>(e => e.MemberId == alice);
        Assert.Multiple(() =>
        {
            Assert.That(joined[0], Is.EqualTo(new MemberProfileChanged(alice, "Alice Events", false, false)));
            Assert.That(profiles, Is.EqualTo(new[] { new MemberProfileChanged(alice, "Alice Events", false, false), new MemberProfileChanged(alice, "Alice Events", false, true) }));
            Assert.That(billingEvents.Select(e => (e.CompanyId, e.Billing?.Name)), Is.EqualTo(new[] { (Guid.Parse(company), (string?)null), (Guid.Parse(company), "Atelier Lumière") }));
            Assert.That(billingEvents[1].Billing!.Address, Is.EqualTo(new Contracts.Address("12 rue Oberkampf", null, "75011", "Paris", "FR")));
        });
    }
}

public sealed partial class MembershipApiTests
{
    [Test]
    public async Task Concurrent_edits_of_one_member_each_get_a_200_or_a_409_and_the_record_is_one_of_the_accepted_ones()
    {
        var space = await SpaceAsync("concurrent");
        var alice = await JoinAsync(space, "Alice Concurrent");
        using var op = Operator(space);
        var document = await DocumentAsync(op, alice);
        var edits = Enumerable.Range(1, 8).Select(async i =>
        {
            var body = (JsonObject)document.DeepClone();
            body["bio"] = $"Edit {i}";
            using var response = await PutAsync(op, $"/api/membership/members/{alice}", body);
            return (i, response.StatusCode, response.StatusCode == HttpStatusCode.OK ? null : await response.Content.ReadAsStringAsync());
        });
        var results = await Task.WhenAll(edits);
        var final = await DocumentAsync(op, alice);
        await TestContext.Out.WriteLineAsync($"{results.Count(r => r.StatusCode == HttpStatusCode.OK)} edits accepted, {results.Count(r => r.StatusCode == HttpStatusCode.Conflict)} refused as concurrent.");

        Assert.Multiple(() =>
        {
            Assert.That(results.Select(r => r.StatusCode), Is.All.AnyOf(HttpStatusCode.OK, HttpStatusCode.Conflict), string.Join("; ", results.Select(r => r.Item3)));
            Assert.That(results.Where(r => r.StatusCode == HttpStatusCode.Conflict).Select(r => r.Item3), Is.All.Contains("changed by someone else"));
            Assert.That(results.Where(r => r.StatusCode == HttpStatusCode.OK).Select(r => $"Edit {r.i}"), Does.Contain(final["bio"]!.GetValue<string>()));
        });
    }

    [Test]
    public async Task A_member_renamed_by_the_gateway_is_published_with_the_new_name_and_their_choices_kept()
    {
        var space = await SpaceAsync("rename");
        var alice = await JoinAsync(space, "Alice Before", "alice.rename@example.test");
        using var asAlice = As(space, alice);
        using (var optIn = await PutAsync(asAlice, "/api/membership/members/me", await DocumentAsync(asAlice, alice, d => d["directoryOptIn"] = true)))
        {
            await OperatorsClient.ExpectAsync(optIn, HttpStatusCode.OK);
        }

        await host.PublishAsync(space, new Contracts.People.PersonJoinedSpace(alice, "alice.new@example.test", "Alice After", [SpaceRoles.Member], Invited: false));
        var renamed = await PublishedAsync<MemberProfileChanged>(e => e.MemberId == alice && e.DisplayName == "Alice After", 1, "the new name");
        var billing = await PublishedAsync<MemberBillingDetailsChanged>(e => e.MemberId == alice, 1, "the new name and email for billing");
        Assert.Multiple(() =>
        {
            Assert.That(renamed[0], Is.EqualTo(new MemberProfileChanged(alice, "Alice After", true, false)));
            Assert.That((billing[0].Email, billing[0].DisplayName, billing[0].Billing), Is.EqualTo(("alice.new@example.test", "Alice After", (BillingDetails?)null)));
        });
    }
}
