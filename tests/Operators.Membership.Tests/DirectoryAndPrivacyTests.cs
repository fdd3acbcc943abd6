using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Membership;
using Operators.Contracts.People;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Tests;

public sealed partial class MembershipApiTests
{
    private async Task OptInToDirectoryAsync(Guid space, Guid member, params string[] skills)
    {
        using var client = As(space, member);
        using var response = await PutAsync(client, "/api/membership/members/me", await DocumentAsync(client, member, d =>
        {
            d["directoryOptIn"] = true;
            d["skills"] = new JsonArray(skills.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());
            d["offers"] = "Des conseils en " + string.Join(", ", skills);
            d["billing"] = Billing();
        }));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    [Test]
    public async Task The_directory_shows_only_active_members_who_opted_in_without_email_or_billing_and_finds_skills_ignoring_accents()
    {
        var space = await SpaceAsync("directory");
        var other = await SpaceAsync("directory-other");
        var helene = await JoinAsync(space, "Hélène Visible", "helene.visible@example.test");
        var hidden = await JoinAsync(space, "Hugo Hidden", "hugo.hidden@example.test");
        var gone = await JoinAsync(space, "Gaëlle Left", "gaelle.left@example.test");
        var elsewhere = await JoinAsync(other, "Elsa Elsewhere");
        await OptInToDirectoryAsync(space, helene, "Électronique", "Menuiserie");
        await OptInToDirectoryAsync(space, gone, "Électronique");
        await OptInToDirectoryAsync(other, elsewhere, "Électronique");
        using (var hugo = As(space, hidden))
        using (var response = await PutAsync(hugo, "/api/membership/members/me", await DocumentAsync(hugo, hidden, d => d["skills"] = new JsonArray("Électronique"))))
        {
            await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
        }

        await host.PublishAsync(space, new PersonRolesChanged(gone, []));
        using var op = Operator(space);
        await Eventually.MatchAsync(
            async () => (await GetJsonAsync(op, $"/api/membership/members/{gone}"))["status"]!.GetValue<string>(),
            s => s == "left", TimeSpan.FromSeconds(30), "Gaëlle to have left");

        using var asHugo = As(space, hidden);
        using var directory = await asHugo.GetAsync(new Uri("/api/membership/directory", UriKind.Relative));
        var text = await directory.Content.ReadAsStringAsync();
        var all = JsonNode.Parse(text)!.AsArray();
        var bySkill = await GetArrayAsync(asHugo, "/api/membership/directory?skill=electronique");
        var byPartialSkill = await GetArrayAsync(asHugo, "/api/membership/directory?skill=MENUIS");
        var noSkill = await GetArrayAsync(asHugo, "/api/membership/directory?skill=plomberie");
        var byText = await GetArrayAsync(asHugo, "/api/membership/directory?search=helene");
        var byOffer = await GetArrayAsync(asHugo, "/api/membership/directory?search=conseils");
        using var nobody = host.Client(space, Guid.NewGuid());
        using var refused = await nobody.GetAsync(new Uri("/api/membership/directory", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(directory.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(all.Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { helene.ToString() }));
            Assert.That(all[0]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "id", "displayName", "company", "bio", "skills", "offers", "looksFor", "links" }));
            Assert.That(text, Does.Not.Contain("@example.test").And.Not.Contain("Oberkampf"));
            Assert.That(bySkill.Select(m => m!["id"]!.GetValue<string>()), Is.EqualTo(new[] { helene.ToString() }));
            Assert.That(byPartialSkill, Has.Count.EqualTo(1));
            Assert.That(noSkill, Is.Empty);
            Assert.That(byText, Has.Count.EqualTo(1));
            Assert.That(byOffer, Has.Count.EqualTo(1));
            Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "no role in the space");
        });
    }

    [Test]
    public async Task The_export_holds_the_member_record_billing_profile_opt_ins_and_company_for_operators_and_the_member_only()
    {
        var space = await SpaceAsync("export");
        var alice = await JoinAsync(space, "Alice Export", "alice.export@example.test");
        var bruno = await JoinAsync(space, "Bruno Export");
        using var op = Operator(space);
        var company = await CreateCompanyAsync(op, "Export & Fils");
        await OptInToDirectoryAsync(space, alice, "Soudure");
        using (var attach = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = company)))
        {
            await OperatorsClient.ExpectAsync(attach, HttpStatusCode.OK);
        }

        using var asAlice = As(space, alice);
        using var asBruno = As(space, bruno);
        var byAlice = await GetJsonAsync(asAlice, $"/api/membership/members/{alice}/export");
        var byOperator = await GetJsonAsync(op, $"/api/membership/members/{alice}/export");
        using var byBruno = await asBruno.GetAsync(new Uri($"/api/membership/members/{alice}/export", UriKind.Relative));
        using var unknown = await op.GetAsync(new Uri($"/api/membership/members/{Guid.NewGuid()}/export", UriKind.Relative));

        var member = byAlice["member"]!;
        Assert.Multiple(async () =>
        {
            Assert.That(member["email"]!.GetValue<string>(), Is.EqualTo("alice.export@example.test"));
            Assert.That(member["displayName"]!.GetValue<string>(), Is.EqualTo("Alice Export"));
            Assert.That(member["billing"]!["address"]!["line1"]!.GetValue<string>(), Is.EqualTo("12 rue Oberkampf"));
            Assert.That(member["skills"]!.AsArray().Select(s => s!.GetValue<string>()), Is.EqualTo(new[] { "Soudure" }));
            Assert.That(member["directoryOptIn"]!.GetValue<bool>(), Is.True);
            Assert.That(member["presenceOptIn"]!.GetValue<bool>(), Is.False);
            Assert.That(byAlice["company"]!["name"]!.GetValue<string>(), Is.EqualTo("Export & Fils"));
            Assert.That(byAlice["company"]!["id"]!.GetValue<string>(), Is.EqualTo(company.ToString()), "the id as every other route writes it");
            Assert.That(byAlice["joinedAt"], Is.Not.Null);
            Assert.That(byAlice["subscriptions"]!.AsArray(), Is.Empty);
            Assert.That(byOperator["member"]!["id"]!.GetValue<string>(), Is.EqualTo(alice.ToString()));
            await OperatorsClient.ProblemAsync(byBruno, HttpStatusCode.NotFound);
            await OperatorsClient.ProblemAsync(unknown, HttpStatusCode.NotFound);
        });
    }

    [Test]
    public async Task Erasure_is_the_owners_removes_the_name_and_email_publishes_MemberErased_once_and_a_join_after_it_starts_a_fresh_member()
    {
        var space = await SpaceAsync("erase");
        var other = await SpaceAsync("erase-other");
        var alice = await JoinAsync(space, "Alice Erased", "alice.erased@example.test");
        await OptInToDirectoryAsync(space, alice, "Forge");
        using var op = Operator(space);
        using var owner = Owner(space);
        using var otherOwner = Owner(other);
        using var asAlice = As(space, alice);
        var company = await CreateCompanyAsync(op, "Erase SARL");
        using (var attach = await PutAsync(op, $"/api/membership/members/{alice}", await DocumentAsync(op, alice, d => d["companyId"] = company)))
        {
            await OperatorsClient.ExpectAsync(attach, HttpStatusCode.OK);
        }

        using var byOperator = await op.DeleteAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
        using var byHerself = await asAlice.DeleteAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
        using var byOtherOwner = await otherOwner.DeleteAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
        using var unknown = await owner.DeleteAsync(new Uri($"/api/membership/members/{Guid.NewGuid()}", UriKind.Relative));
        await OperatorsClient.ProblemAsync(byOperator, HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(byHerself, HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(byOtherOwner, HttpStatusCode.NotFound);
        await OperatorsClient.ProblemAsync(unknown, HttpStatusCode.NotFound);
        Assert.That((await GetJsonAsync(op, $"/api/membership/members/{alice}"))["displayName"]!.GetValue<string>(), Is.EqualTo("Alice Erased"), "refusals change nothing");

        using var erased = await owner.DeleteAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
        await OperatorsClient.ExpectAsync(erased, HttpStatusCode.NoContent);
        using var again = await owner.DeleteAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
        await OperatorsClient.ExpectAsync(again, HttpStatusCode.NoContent);
        var erasures = await PublishedAsync<MemberErased>(e => e.MemberId == alice, 1, "the erasure");

        // A role change alone (the gateway revoking her roles, or granting one) must not bring the name and email back;
        // messages about someone else on both queues, consumed after them, tell they were handled.
        await host.PublishAsync(space, new PersonRolesChanged(alice, [SpaceRoles.Member], "alice.erased@example.test", "Alice Erased"));
        var bruno = await JoinAsync(space, "Bruno After");
        await host.PublishAsync(space, new PersonRolesChanged(bruno, []));
        await Eventually.MatchAsync(
            async () => (await GetJsonAsync(op, $"/api/membership/members/{bruno}"))["status"]!.GetValue<string>(),
            s => s == "left", TimeSpan.FromSeconds(30), "Bruno to have left");

        using var get = await op.GetAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
        using var me = await asAlice.GetAsync(new Uri("/api/membership/members/me", UriKind.Relative));
        using var export = await op.GetAsync(new Uri($"/api/membership/members/{alice}/export", UriKind.Relative));
        var list = (await GetArrayAsync(op, "/api/membership/members")).ToJsonString();
        var directory = (await GetArrayAsync(op, "/api/membership/directory")).ToJsonString();
        var companyMembers = (await GetJsonAsync(op, $"/api/membership/companies/{company}"))["members"]!.AsArray();
        Assert.Multiple(async () =>
        {
            await OperatorsClient.ProblemAsync(get, HttpStatusCode.NotFound);
            await OperatorsClient.ProblemAsync(me, HttpStatusCode.NotFound);
            await OperatorsClient.ProblemAsync(export, HttpStatusCode.NotFound);
            Assert.That(list, Does.Not.Contain(alice.ToString()).And.Not.Contain("Alice").And.Not.Contain("alice.erased"));
            Assert.That(directory, Does.Not.Contain(alice.ToString()));
            Assert.That(companyMembers, Is.Empty);
            Assert.That(Published<MemberErased>(e => e.MemberId == alice), Has.Count.EqualTo(1));
            Assert.That(erasures[0].ErasedAt, Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
        });

        // The space adds her again later (the gateway's join, sent after the erasure): a fresh member, nothing of the old one.
        await host.PublishAsync(space, new PersonJoinedSpace(alice, "alice.back@example.test", "Alice Back", [SpaceRoles.Member], Invited: false));
        await Eventually.MatchAsync(
            async () =>
            {
                using var r = await op.GetAsync(new Uri($"/api/membership/members/{alice}", UriKind.Relative));
                return r.StatusCode;
            },
            status => status == HttpStatusCode.OK, TimeSpan.FromSeconds(30), "Alice to be a member again");
        var fresh = await GetJsonAsync(op, $"/api/membership/members/{alice}");
        Assert.Multiple(() =>
        {
            Assert.That(fresh["displayName"]!.GetValue<string>(), Is.EqualTo("Alice Back"));
            Assert.That(fresh["email"]!.GetValue<string>(), Is.EqualTo("alice.back@example.test"));
            Assert.That(fresh["companyId"], Is.Null, "nothing of the old record");
            Assert.That(fresh["billing"], Is.Null);
            Assert.That(fresh["skills"]!.AsArray(), Is.Empty);
            Assert.That(fresh["directoryOptIn"]!.GetValue<bool>(), Is.False);
        });
    }

    [Test]
    public async Task An_owner_cannot_erase_themself_and_stays_a_member()
    {
        var space = await SpaceAsync("erase-self");
        var olga = await JoinAsync(space, "Olga Owner", "olga@example.test");
        using var asOwner = As(space, olga, SpaceRoles.Owner, SpaceRoles.Member);

        using var refused = await asOwner.DeleteAsync(new Uri($"/api/membership/members/{olga}", UriKind.Relative));
        var problem = await OperatorsClient.ProblemAsync(refused, HttpStatusCode.Conflict);
        var still = await GetJsonAsync(asOwner, $"/api/membership/members/{olga}");

        Assert.Multiple(() =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("ownership"));
            Assert.That(still["displayName"]!.GetValue<string>(), Is.EqualTo("Olga Owner"));
            Assert.That(Published<MemberErased>(e => e.MemberId == olga), Is.Empty);
        });
    }
}
