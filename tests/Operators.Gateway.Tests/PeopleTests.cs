using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Testing.Booking;

namespace Operators.Gateway.Tests;

/// <summary>Accounts, one-time links and roles per space, through the standalone host (emails land in its data folder).</summary>
public sealed class PeopleTests
{
    private const string Password = "Correct-horse-9";
    private StandaloneHost host = null!;
    private OperatorsClient admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await StandaloneHost.StartAsync();
        admin = await host.AdminClientAsync();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        await host.DisposeAsync();
    }

    private OperatorsClient Anonymous() => new(host.Process.BaseAddress);

    private async Task<OperatorsClient> ClaimAndSignInAsync(string email, string? space)
    {
        var (client, link) = await OperatorsClient.ClaimInvitationAsync(host.Process.BaseAddress, host.MailFolder, email, Password);
        if (space is not null)
        {
            Assert.That(link.Url.AbsolutePath, Is.EqualTo($"/s/{space}/account/claim"), "the invitation leads into the space");
        }

        return client;
    }

    private static async Task<JsonObject> CreatePoolAsync(OperatorsClient client, string slug)
    {
        using var response = await client.Http.PostAsJsonAsync($"/s/{slug}/api/booking/resources",
            new { name = "Open space", kind = "desk-pool", capacity = 4, pricePerDay = 15m, bookableBy = "members" });
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<HttpResponseMessage> BookAsync(OperatorsClient client, string slug, string resourceId, string? memberId = null)
    {
        var day = BookingApi.Weekday(7);
        return await client.Http.PostAsJsonAsync($"/s/{slug}/api/booking/bookings", new { resourceId, date = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), memberId });
    }

    [Test]
    public async Task The_creator_becomes_owner_through_the_invitation_and_grants_roles_that_reach_the_services()
    {
        await admin.CreateSpaceAndWaitAsync("people-a");
        using var owner = await ClaimAndSignInAsync("owner@people-a.test", "people-a");

        var me = await owner.GetJsonAsync("/auth/me");
        Assert.That(me["spaces"]!.AsArray().Select(s => (s!["slug"]!.GetValue<string>(), s["roles"]!.AsArray().Select(r => r!.GetValue<string>()).Single())),
            Is.EqualTo(new[] { ("people-a", "owner") }));
        var status = await owner.GetJsonAsync("/api/spaces/people-a");
        Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("active"), "an owner sees its space's status");

        // The owner's role travels in the internal token: the booking service lets them create a resource.
        var pool = await CreatePoolAsync(owner, "people-a");
        var poolId = pool["id"]!.GetValue<string>();

        // An unknown email becomes an invited account at once, usable as a booking's member.
        var invited = await owner.GrantAsync("people-a", "newcomer@people-a.test", "member");
        Assert.Multiple(() =>
        {
            Assert.That(invited["status"]!.GetValue<string>(), Is.EqualTo("invited"));
            Assert.That(invited["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "member" }));
        });
        using (var booked = await BookAsync(owner, "people-a", poolId, invited["id"]!.GetValue<string>()))
        {
            await OperatorsClient.ExpectAsync(booked, HttpStatusCode.Created);
        }

        // Until claimed, nobody signs in with it.
        using (var attempt = await Anonymous().Http.PostAsJsonAsync("/auth/token", new { email = "newcomer@people-a.test", password = Password }))
        {
            await OperatorsClient.ProblemAsync(attempt, HttpStatusCode.Unauthorized);
        }

        using var member = await ClaimAndSignInAsync("newcomer@people-a.test", "people-a");
        Assert.That((await member.GetJsonAsync("/auth/me"))["id"]!.GetValue<string>(), Is.EqualTo(invited["id"]!.GetValue<string>()), "one id everywhere");
        var mine = await member.Http.GetFromJsonAsync<JsonArray>("/s/people-a/api/booking/bookings?mine=true");
        Assert.That(mine!, Has.Count.EqualTo(1), "the booking made for the invited account is theirs");

        // A member may not do what operators do, nor see the people.
        await OperatorsClient.ProblemAsync(await member.Http.PostAsJsonAsync("/s/people-a/api/booking/resources",
            new { name = "Mine", kind = "desk", capacity = 1, pricePerDay = 1m, bookableBy = "members" }), HttpStatusCode.Forbidden);
        await OperatorsClient.ProblemAsync(await member.Http.GetAsync(new Uri("/s/people-a/api/space/people", UriKind.Relative)), HttpStatusCode.Forbidden);

        var people = await owner.Http.GetFromJsonAsync<JsonArray>("/s/people-a/api/space/people");
        Assert.That(people!.Select(p => p!["email"]!.GetValue<string>()), Is.EquivalentTo(new[] { "owner@people-a.test", "newcomer@people-a.test" }));
        Assert.That(people!.Single(p => p!["email"]!.GetValue<string>() == "newcomer@people-a.test")!["status"]!.GetValue<string>(), Is.EqualTo("active"));

        // Revoking takes effect on the next request.
        using (var revoked = await owner.Http.DeleteAsync(new Uri($"/s/people-a/api/space/people/{invited["id"]}/roles/member", UriKind.Relative)))
        {
            await OperatorsClient.ExpectAsync(revoked, HttpStatusCode.OK);
        }

        await OperatorsClient.ProblemAsync(await BookAsync(member, "people-a", poolId), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task An_operator_adds_members_only_and_the_last_owner_cannot_be_removed()
    {
        await admin.CreateSpaceAndWaitAsync("people-b");
        using var owner = await ClaimAndSignInAsync("owner@people-b.test", "people-b");
        var op = await owner.GrantAsync("people-b", "desk@people-b.test", "operator");
        using var operatorClient = await ClaimAndSignInAsync("desk@people-b.test", "people-b");

        var member = await operatorClient.GrantAsync("people-b", "someone@people-b.test", "member");
        Assert.That(member["status"]!.GetValue<string>(), Is.EqualTo("invited"));
        var refused = await OperatorsClient.ProblemAsync(await operatorClient.Http.PostAsJsonAsync("/s/people-b/api/space/people",
            new { email = "boss@people-b.test", roles = new[] { "owner" } }), HttpStatusCode.Forbidden);
        Assert.That(refused["detail"]!.GetValue<string>(), Does.Contain("only an owner"));
        await OperatorsClient.ProblemAsync(await operatorClient.Http.DeleteAsync(new Uri($"/s/people-b/api/space/people/{member["id"]}/roles/member", UriKind.Relative)), HttpStatusCode.Forbidden);

        var ownerId = (await owner.GetJsonAsync("/auth/me"))["id"]!.GetValue<string>();
        var last = await OperatorsClient.ProblemAsync(await owner.Http.DeleteAsync(new Uri($"/s/people-b/api/space/people/{ownerId}/roles/owner", UriKind.Relative)), HttpStatusCode.Conflict);
        Assert.That(last["detail"]!.GetValue<string>(), Does.Contain("last owner"));

        var invalid = await OperatorsClient.ProblemAsync(await owner.Http.PostAsJsonAsync("/s/people-b/api/space/people",
            new { email = "not-an-email", roles = new[] { "wizard" } }), HttpStatusCode.BadRequest);
        Assert.That(invalid["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "email", "roles[0]" }));
        Assert.That(op["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "operator" }));
    }

    [Test]
    public async Task Registration_needs_the_emailed_confirmation_before_signing_in()
    {
        using var client = Anonymous();
        using (var registered = await client.Http.PostAsJsonAsync("/auth/register", new { email = "camille@example.test", password = Password, displayName = "Camille" }))
        {
            await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
            Assert.That((await registered.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>(), Is.EqualTo("pending-confirmation"));
        }

        var early = await OperatorsClient.ProblemAsync(await client.Http.PostAsJsonAsync("/auth/token", new { email = "camille@example.test", password = Password }), HttpStatusCode.Forbidden);
        Assert.That(early["detail"]!.GetValue<string>(), Does.Contain("Confirm your email"));

        var link = await Mailbox.LinkAsync(host.MailFolder, "camille@example.test", "account/confirm");
        // Clicking the link is not enough: whoever confirms shows the password chosen at sign-up.
        var notHers = await OperatorsClient.ProblemAsync(
            await client.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = link.UserId, code = link.Code, password = "Somebody-else-1" }), HttpStatusCode.BadRequest);
        Assert.That(notHers["errors"]!["password"], Is.Not.Null);
        await OperatorsClient.ExpectAsync(await client.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = link.UserId, code = link.Code, password = Password }), HttpStatusCode.NoContent);
        await client.SignInAsync("camille@example.test", Password);

        var again = await OperatorsClient.ProblemAsync(await client.Http.PostAsJsonAsync("/auth/register", new { email = "camille@example.test", password = Password, displayName = "Camille" }), HttpStatusCode.Conflict);
        Assert.That(again["detail"]!.GetValue<string>(), Does.Contain("already"));
        var weak = await OperatorsClient.ProblemAsync(await client.Http.PostAsJsonAsync("/auth/register", new { email = "weak@example.test", password = "short", displayName = "Weak" }), HttpStatusCode.BadRequest);
        Assert.That(weak["errors"]!["password"], Is.Not.Null);
    }

    [Test]
    public async Task Registering_with_an_invited_email_sends_the_mailbox_the_link_that_claims_it_and_the_typed_password_is_not_used()
    {
        await admin.CreateSpaceAndWaitAsync("people-c");
        var invited = await admin.GrantAsync("people-c", "dominique@example.test", "member");
        var before = Mailbox.MessagesTo(host.MailFolder, "dominique@example.test").Count;
        using var client = Anonymous();
        using (var registered = await client.Http.PostAsJsonAsync("/auth/register", new { email = "dominique@example.test", password = "Intruder-pass-1", displayName = "Intruder" }))
        {
            await OperatorsClient.ExpectAsync(registered, HttpStatusCode.Created);
            Assert.That((await registered.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>(), Is.EqualTo("invited"));
        }

        // Whoever registered has not proven the email: the password typed then opens nothing.
        await OperatorsClient.ProblemAsync(await client.Http.PostAsJsonAsync("/auth/token", new { email = "dominique@example.test", password = "Intruder-pass-1" }), HttpStatusCode.Unauthorized);

        var link = await Mailbox.LinkAsync(host.MailFolder, "dominique@example.test", "account/claim", after: before);
        using (var claimed = await client.Http.PostAsJsonAsync("/auth/claim", new { userId = link.UserId, code = link.Code, password = Password }))
        {
            await OperatorsClient.ExpectAsync(claimed, HttpStatusCode.NoContent);
        }

        await client.SignInAsync("dominique@example.test", Password);
        var me = await client.GetJsonAsync("/auth/me");
        Assert.Multiple(() =>
        {
            Assert.That(me["id"]!.GetValue<string>(), Is.EqualTo(invited["id"]!.GetValue<string>()));
            Assert.That(me["spaces"]!.AsArray().Single()!["slug"]!.GetValue<string>(), Is.EqualTo("people-c"));
        });
    }

    [Test]
    public async Task A_role_granted_to_an_email_someone_else_signed_up_with_goes_to_whoever_reads_that_mailbox()
    {
        await admin.CreateSpaceAndWaitAsync("people-d");
        using var intruder = Anonymous();
        await OperatorsClient.ExpectAsync(
            await intruder.Http.PostAsJsonAsync("/auth/register", new { email = "newhire@example.test", password = "Intruder-pass-1", displayName = "Intruder" }), HttpStatusCode.Created);
        var confirmation = await Mailbox.LinkAsync(host.MailFolder, "newhire@example.test", "account/confirm");

        var granted = await admin.GrantAsync("people-d", "newhire@example.test", "operator");
        Assert.That(granted["status"]!.GetValue<string>(), Is.EqualTo("invited"), "the unproven sign-up is set aside");

        // The intruder's password and the confirmation link sent for it are dead; the invitation claims the account.
        await OperatorsClient.ProblemAsync(
            await intruder.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = confirmation.UserId, code = confirmation.Code, password = "Intruder-pass-1" }), HttpStatusCode.BadRequest);
        await OperatorsClient.ProblemAsync(await intruder.Http.PostAsJsonAsync("/auth/token", new { email = "newhire@example.test", password = "Intruder-pass-1" }), HttpStatusCode.Unauthorized);
        using var newcomer = await ClaimAndSignInAsync("newhire@example.test", "people-d");
        var me = await newcomer.GetJsonAsync("/auth/me");
        Assert.That(me["spaces"]!.AsArray().Single()!["roles"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "operator" }));
    }

    [Test]
    public async Task An_email_with_an_apostrophe_or_an_accent_is_an_ordinary_person()
    {
        await admin.CreateSpaceAndWaitAsync("people-e");
        var person = await admin.GrantAsync("people-e", "o'brien.josé@example.test", "member");
        Assert.That(person["status"]!.GetValue<string>(), Is.EqualTo("invited"));
        using var client = Anonymous();
        await OperatorsClient.ExpectAsync(
            await client.Http.PostAsJsonAsync("/auth/register", new { email = "zoé.d'arc@example.test", password = Password, displayName = "Zoé" }), HttpStatusCode.Created);
    }

    [Test]
    public async Task Forgot_password_sends_a_one_time_link_that_resets_it()
    {
        using var client = Anonymous();
        await OperatorsClient.ExpectAsync(await client.Http.PostAsJsonAsync("/auth/register", new { email = "eve@example.test", password = Password, displayName = "Eve" }), HttpStatusCode.Created);
        var confirm = await Mailbox.LinkAsync(host.MailFolder, "eve@example.test", "account/confirm");
        await OperatorsClient.ExpectAsync(await client.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = confirm.UserId, code = confirm.Code, password = Password }), HttpStatusCode.NoContent);

        // A session opened before the reset (a stolen token, say) must end with it.
        using var before = Anonymous();
        await before.SignInAsync("eve@example.test", Password);
        await before.GetJsonAsync("/auth/me");

        await OperatorsClient.ExpectAsync(await client.Http.PostAsJsonAsync("/auth/forgot-password", new { email = "eve@example.test" }), HttpStatusCode.Accepted);
        await OperatorsClient.ExpectAsync(await client.Http.PostAsJsonAsync("/auth/forgot-password", new { email = "nobody@example.test" }), HttpStatusCode.Accepted);
        var reset = await Mailbox.LinkAsync(host.MailFolder, "eve@example.test", "account/reset");
        const string newPassword = "Another-horse-7";
        await OperatorsClient.ExpectAsync(await client.Http.PostAsJsonAsync("/auth/reset-password", new { userId = reset.UserId, code = reset.Code, password = newPassword }), HttpStatusCode.NoContent);

        var reused = await OperatorsClient.ProblemAsync(await client.Http.PostAsJsonAsync("/auth/reset-password", new { userId = reset.UserId, code = reset.Code, password = "Third-horse-5" }), HttpStatusCode.BadRequest);
        Assert.That(reused["detail"]!.GetValue<string>(), Does.Contain("already used"));
        await OperatorsClient.ProblemAsync(await client.Http.PostAsJsonAsync("/auth/token", new { email = "eve@example.test", password = Password }), HttpStatusCode.Unauthorized);
        await client.SignInAsync("eve@example.test", newPassword);
        await client.GetJsonAsync("/auth/me");
        await OperatorsClient.ProblemAsync(await before.Http.GetAsync(new Uri("/auth/me", UriKind.Relative)), HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_link_is_never_built_on_a_host_the_client_named()
    {
        using var client = Anonymous();
        await OperatorsClient.ExpectAsync(
            await client.Http.PostAsJsonAsync("/auth/register", new { email = "frank@example.test", password = Password, displayName = "Frank" }), HttpStatusCode.Created);
        var confirm = await Mailbox.LinkAsync(host.MailFolder, "frank@example.test", "account/confirm");
        await OperatorsClient.ExpectAsync(
            await client.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = confirm.UserId, code = confirm.Code, password = Password }), HttpStatusCode.NoContent);
        var before = Mailbox.MessagesTo(host.MailFolder, "frank@example.test").Count;

        using var poisoned = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/forgot-password", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = "frank@example.test" }),
        };
        poisoned.Headers.Host = "evil.example";
        using (var answer = await client.Http.SendAsync(poisoned))
        {
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "the answer says nothing either way");
        }

        await Eventually.MatchAsync(() => Task.FromResult(host.Process.Output), o => o.Contains("Not sending an account link for a request addressed to evil.example", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the refusal to be logged");
        Assert.That(Mailbox.MessagesTo(host.MailFolder, "frank@example.test"), Has.Count.EqualTo(before), "no email with a link to evil.example");

        // Where a link would be sent, the request is refused before anything changes.
        using var register = new HttpRequestMessage(HttpMethod.Post, new Uri("/auth/register", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = "grace@example.test", password = Password, displayName = "Grace" }),
        };
        register.Headers.Host = "evil.example";
        using (var refused = await client.Http.SendAsync(register))
        {
            await OperatorsClient.ProblemAsync(refused, HttpStatusCode.MisdirectedRequest);
        }

        await admin.CreateSpaceAndWaitAsync("people-f");
        using var grant = new HttpRequestMessage(HttpMethod.Post, new Uri("/s/people-f/api/space/people", UriKind.Relative))
        {
            Content = JsonContent.Create(new { email = "grace@example.test", roles = new[] { "member" } }),
        };
        grant.Headers.Host = "evil.example";
        using (var refused = await admin.Http.SendAsync(grant))
        {
            await OperatorsClient.ProblemAsync(refused, HttpStatusCode.MisdirectedRequest);
        }

        var people = await admin.GetNodeAsync("/s/people-f/api/space/people");
        Assert.That(people.AsArray().Select(p => p!["email"]!.GetValue<string>()), Does.Not.Contain("grace@example.test"));
        await OperatorsClient.ExpectAsync(
            await client.Http.PostAsJsonAsync("/auth/register", new { email = "grace@example.test", password = Password, displayName = "Grace" }), HttpStatusCode.Created);
    }

    [Test]
    public async Task A_space_adding_an_email_learns_nothing_of_an_account_it_has_elsewhere_until_the_person_joins()
    {
        // Someone with an account of their own, known by the name they chose, member of another space.
        await admin.CreateSpaceAndWaitAsync("people-g");
        await admin.CreateSpaceAndWaitAsync("people-h");
        using (var client = Anonymous())
        {
            await OperatorsClient.ExpectAsync(
                await client.Http.PostAsJsonAsync("/auth/register", new { email = "known@example.test", password = Password, displayName = "Chosen Name" }), HttpStatusCode.Created);
            var confirm = await Mailbox.LinkAsync(host.MailFolder, "known@example.test", "account/confirm");
            await OperatorsClient.ExpectAsync(
                await client.Http.PostAsJsonAsync("/auth/confirm-email", new { userId = confirm.UserId, code = confirm.Code, password = Password }), HttpStatusCode.NoContent);
        }

        await admin.GrantAsync("people-h", "known@example.test", "member");

        // The operator of another space adds that email and a brand-new one: the two answers look alike.
        async Task<JsonObject> AddAsync(string email, string name)
        {
            using var response = await admin.Http.PostAsJsonAsync("/s/people-g/api/space/people", new { email, displayName = name, roles = new[] { "member" } });
            await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
            return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        }

        // Typed in capitals: an account's own spelling would show it exists, so both come back in lower case.
        var known = await AddAsync("KNOWN@Example.test", "Typed by G");
        var brandNew = await AddAsync("Brand-New@Example.test", "Also typed by G");
        static string Shape(JsonObject person) => string.Join(",", person.Select(p => p.Key));
        static int Version(JsonObject person) => Guid.Parse(person["id"]!.GetValue<string>()).Version;
        Assert.Multiple(() =>
        {
            Assert.That(Shape(known), Is.EqualTo(Shape(brandNew)));
            Assert.That(known["status"]!.GetValue<string>(), Is.EqualTo("invited"));
            Assert.That(brandNew["status"]!.GetValue<string>(), Is.EqualTo("invited"));
            Assert.That(known["displayName"]!.GetValue<string>(), Is.EqualTo("Typed by G"), "the name the operator typed, not the one chosen elsewhere");
            Assert.That(brandNew["displayName"]!.GetValue<string>(), Is.EqualTo("Also typed by G"));
            Assert.That(Version(known), Is.EqualTo(Version(brandNew)), "ids tell nothing of when the account was made");
            Assert.That(known["email"]!.GetValue<string>(), Is.EqualTo("known@example.test"));
            Assert.That(brandNew["email"]!.GetValue<string>(), Is.EqualTo("brand-new@example.test"));
        });
        var listed = (await admin.GetNodeAsync("/s/people-g/api/space/people")).AsArray()
            .ToDictionary(p => p!["email"]!.GetValue<string>(), p => (p!["displayName"]!.GetValue<string>(), p["status"]!.GetValue<string>()));
        Assert.Multiple(() =>
        {
            Assert.That(listed["known@example.test"], Is.EqualTo(("Typed by G", "invited")));
            Assert.That(listed["brand-new@example.test"], Is.EqualTo(("Also typed by G", "invited")));
        });

        // Once the person joins, the space sees them as they chose to be; the other space is untouched by G's name.
        using var person = Anonymous();
        await person.SignInAsync("known@example.test", Password);
        await OperatorsClient.ExpectAsync(await person.Http.PostAsync(new Uri("/s/people-g/api/space/join", UriKind.Relative), null), HttpStatusCode.NoContent);
        var joined = (await admin.GetNodeAsync("/s/people-g/api/space/people")).AsArray().Single(p => p!["email"]!.GetValue<string>() == "known@example.test")!;
        var elsewhere = (await admin.GetNodeAsync("/s/people-h/api/space/people")).AsArray().Single(p => p!["email"]!.GetValue<string>() == "known@example.test")!;
        Assert.Multiple(() =>
        {
            Assert.That((joined["displayName"]!.GetValue<string>(), joined["status"]!.GetValue<string>()), Is.EqualTo(("Chosen Name", "active")));
            Assert.That(elsewhere["displayName"]!.GetValue<string>(), Is.EqualTo("known"), "people-h still knows them by what its operator typed");
        });

        // Joining a space where one holds no role is refused like any unknown object.
        await admin.CreateSpaceAndWaitAsync("people-i");
        await OperatorsClient.ProblemAsync(await person.Http.PostAsync(new Uri("/s/people-i/api/space/join", UriKind.Relative), null), HttpStatusCode.NotFound);
    }
}
