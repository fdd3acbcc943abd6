using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Testing.Booking;

namespace Operators.EndToEnd.Tests.Distributed;

/// <summary>
/// Space isolation as an attacker tries it, through the gateway of the distributed stack: a person with every
/// right in space "alpha" goes after space "beta" with its own ids and with alpha's, and with headers a client
/// may not choose.
/// </summary>
[NonParallelizable]
public sealed class SecurityTests
{
    private const string Password = "Correct-horse-9";
    private static DistributedHosts Stack => DistributedSetup.Hosts;

    private OperatorsClient admin = null!;
    private OperatorsClient alice = null!;
    private string alphaId = null!;
    private string betaId = null!;
    private Alpha a = null!;
    private Beta b = null!;

    /// <summary>What alice (owner and member of alpha) made there.</summary>
    private sealed record Alpha(string Pool, string Booking, string Event, string CalendarFile);

    /// <summary>What beta's operators and members made there: alice's targets.</summary>
    private sealed record Beta(string Pool, string Room, string Booking, string Event, string DayPass, string Member, JsonObject Hours, JsonObject Settings);

    [OneTimeSetUp]
    public async Task Prepare()
    {
        admin = await Stack.AdminClientAsync();
        foreach (var slug in new[] { "alpha", "beta" })
        {
            using var created = await admin.CreateSpaceAsync(slug, "urban-coworking");
            await OperatorsClient.ExpectAsync(created, HttpStatusCode.Accepted);
        }

        alphaId = (await admin.WaitForProvisioningAsync("alpha", TimeSpan.FromSeconds(90)))["id"]!.GetValue<string>();
        betaId = (await admin.WaitForProvisioningAsync("beta", TimeSpan.FromSeconds(90)))["id"]!.GetValue<string>();

        await admin.GrantAsync("alpha", "alice@alpha.test", "owner", "member");
        (alice, _) = await OperatorsClient.ClaimInvitationAsync(Stack.Gateway.BaseAddress, DistributedHosts.MailFolder, "alice@alpha.test", Password);
        var bruno = (await admin.GrantAsync("beta", "bruno@beta.test", "member"))["id"]!.GetValue<string>();

        var day = BookingApi.Weekday(5);
        var alphaPool = await CreateAsync(alice, "alpha", "resources", new { name = "Open space", kind = "desk-pool", capacity = 5, pricePerDay = 12m });
        a = new Alpha(
            alphaPool,
            await CreateAsync(alice, "alpha", "bookings", new { resourceId = alphaPool, date = Iso(day) }),
            await CreateAsync(alice, "alpha", "events", new { title = "Apéro", start = BookingApi.Paris(day, 18), end = BookingApi.Paris(day, 19), capacity = 10 }),
            new Uri((await alice.GetJsonAsync("/s/alpha/api/booking/calendar"))["url"]!.GetValue<string>()).Segments[^1]);

        var betaPool = await CreateAsync(admin, "beta", "resources", new { name = "Plateau", kind = "desk-pool", capacity = 5, pricePerDay = 15m });
        b = new Beta(
            betaPool,
            await CreateAsync(admin, "beta", "resources", new { name = "Salle", kind = "room", capacity = 6, pricePerHour = 20m }),
            await CreateAsync(admin, "beta", "bookings", new { resourceId = betaPool, date = Iso(day), memberId = bruno }),
            await CreateAsync(admin, "beta", "events", new { title = "Atelier", start = BookingApi.Paris(day, 14), end = BookingApi.Paris(day, 16), capacity = 10 }),
            await CreateAsync(admin, "beta", "day-passes", new { date = Iso(day), guest = new { name = "Jo" }, paidWith = "cash" }),
            bruno,
            await admin.GetJsonAsync("/s/beta/api/booking/opening-hours"),
            await admin.GetJsonAsync("/s/beta/api/booking/settings"));
    }

    [OneTimeTearDown]
    public async Task Report()
    {
        admin?.Dispose();
        alice?.Dispose();
        await DistributedSetup.ReportIfFailedAsync();
    }

    [Test]
    public async Task A_person_of_one_space_gets_404_on_every_booking_route_of_another_and_changes_nothing()
    {
        var day = Iso(BookingApi.Weekday(6));
        var beta = "/s/beta/api/booking";
        (HttpMethod Method, string Path, object? Body)[] routes =
        [
            (HttpMethod.Post, $"{beta}/resources", new { name = "Mine now", kind = "desk-pool", capacity = 3, pricePerDay = 0m }),
            (HttpMethod.Put, $"{beta}/resources/{b.Pool}", new { name = "Renamed", kind = "desk-pool", capacity = 1, pricePerDay = 0m }),
            (HttpMethod.Delete, $"{beta}/resources/{b.Room}", null),
            (HttpMethod.Put, $"{beta}/opening-hours", b.Hours),
            (HttpMethod.Put, $"{beta}/settings", b.Settings),
            (HttpMethod.Post, $"{beta}/bookings", new { resourceId = b.Pool, date = day }),
            (HttpMethod.Post, $"{beta}/bookings", new { resourceId = b.Pool, date = day, memberId = b.Member }),
            (HttpMethod.Get, $"{beta}/bookings", null),
            (HttpMethod.Get, $"{beta}/bookings?mine=true", null),
            (HttpMethod.Get, $"{beta}/bookings/{b.Booking}", null),
            (HttpMethod.Get, $"{beta}/bookings/{b.Booking}/cancellation", null),
            (HttpMethod.Post, $"{beta}/bookings/{b.Booking}/check-in", null),
            (HttpMethod.Delete, $"{beta}/bookings/{b.Booking}", null),
            (HttpMethod.Post, $"{beta}/day-passes", new { date = day, guest = new { name = "Desk sale" }, paidWith = "cash" }),
            (HttpMethod.Post, $"{beta}/day-passes", new { date = day, memberId = b.Member, paidWith = "card" }),
            (HttpMethod.Get, $"{beta}/day-passes/{b.DayPass}", null),
            (HttpMethod.Get, $"{beta}/presence?date={day}", null),
            (HttpMethod.Get, $"{beta}/allowances/me", null),
            (HttpMethod.Get, $"{beta}/calendar", null),
            (HttpMethod.Post, $"{beta}/calendar/rotate", null),
            (HttpMethod.Get, $"{beta}/events", null),
            (HttpMethod.Post, $"{beta}/events", new { title = "Mine", start = BookingApi.Paris(BookingApi.Weekday(6), 10), end = BookingApi.Paris(BookingApi.Weekday(6), 11) }),
            (HttpMethod.Get, $"{beta}/events/{b.Event}", null),
            (HttpMethod.Post, $"{beta}/events/{b.Event}/rsvp", null),
            (HttpMethod.Delete, $"{beta}/events/{b.Event}/rsvp", null),

            // Alpha's own ids, asked of beta: objects never cross spaces, even for their owner.
            (HttpMethod.Get, $"{beta}/resources/{a.Pool}", null),
            (HttpMethod.Put, $"{beta}/resources/{a.Pool}", new { name = "Moved", kind = "desk-pool", capacity = 1, pricePerDay = 0m }),
            (HttpMethod.Delete, $"{beta}/resources/{a.Pool}", null),
            (HttpMethod.Get, $"{beta}/availability?date={day}&resourceId={a.Pool}", null),
            (HttpMethod.Post, $"{beta}/bookings", new { resourceId = a.Pool, date = day }),
            (HttpMethod.Get, $"{beta}/bookings/{a.Booking}", null),
            (HttpMethod.Get, $"{beta}/bookings/{a.Booking}/cancellation", null),
            (HttpMethod.Post, $"{beta}/bookings/{a.Booking}/check-in", null),
            (HttpMethod.Delete, $"{beta}/bookings/{a.Booking}", null),
            (HttpMethod.Get, $"{beta}/events/{a.Event}", null),
            (HttpMethod.Post, $"{beta}/events/{a.Event}/rsvp", null),
            (HttpMethod.Get, $"{beta}/calendar/{a.CalendarFile}", null),
        ];

        var answers = new List<string>();
        foreach (var (method, path, body) in routes)
        {
            using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative)) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await alice.Http.SendAsync(request);
            var isProblem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            answers.Add($"{method} {path} → {(int)response.StatusCode}{(isProblem ? "" : " (not a problem document)")}");
        }

        await TestContext.Out.WriteLineAsync(string.Join(Environment.NewLine, answers));
        Assert.That(answers, Has.All.Matches<string>(s => s.EndsWith("→ 404", StringComparison.Ordinal)), string.Join(Environment.NewLine, answers));

        // Nothing in beta moved.
        var booking = await admin.GetJsonAsync($"{beta}/bookings/{b.Booking}");
        var resources = await admin.GetNodeAsync($"{beta}/resources?includeInactive=true");
        var hours = await admin.GetJsonAsync($"{beta}/opening-hours");
        var settings = await admin.GetJsonAsync($"{beta}/settings");
        var events = await admin.GetNodeAsync($"{beta}/events");
        var bookings = await admin.GetNodeAsync($"{beta}/bookings");
        Assert.Multiple(() =>
        {
            Assert.That(booking["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
            Assert.That(resources.AsArray().Select(r => (r!["name"]!.GetValue<string>(), r["active"]!.GetValue<bool>())),
                Is.EquivalentTo(new[] { ("Plateau", true), ("Salle", true) }));
            Assert.That(hours.ToJsonString(), Is.EqualTo(b.Hours.ToJsonString()));
            Assert.That(settings.ToJsonString(), Is.EqualTo(b.Settings.ToJsonString()));
            Assert.That(events.AsArray(), Has.Count.EqualTo(1));
            Assert.That(bookings.AsArray(), Has.Count.EqualTo(2), "bruno's booking and the desk day pass");
        });

        // And alpha's objects, asked through beta, are untouched in alpha.
        var own = await alice.GetJsonAsync($"/s/alpha/api/booking/bookings/{a.Booking}");
        Assert.That(own["status"]!.GetValue<string>(), Is.EqualTo("confirmed"));
    }

    [Test]
    public async Task Public_routes_of_another_space_show_only_that_spaces_things()
    {
        var resources = await alice.GetNodeAsync("/s/beta/api/booking/resources");
        var availability = await alice.GetNodeAsync($"/s/beta/api/booking/availability?date={Iso(BookingApi.Weekday(5))}");
        var ids = resources.AsArray().Select(r => r!["id"]!.GetValue<string>()).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(ids, Is.EquivalentTo(new[] { b.Pool, b.Room }));
            Assert.That(availability.ToJsonString(), Does.Not.Contain(a.Pool));
        });
    }

    [Test]
    public async Task Tenant_and_internal_token_headers_sent_by_a_client_are_ignored()
    {
        // A genuine internal token for beta with every role, as if stolen from inside the network.
        var stolen = TestTokens.Internal(Stack.InternalKey, "booking", Guid.Parse(betaId), Guid.NewGuid().ToString(), "owner", "operator", "member");

        using (var spoofed = Request(HttpMethod.Get, "/s/beta/api/booking/bookings"))
        {
            foreach (var header in new[] { "Operators-Tenant", "X-Operators-Tenant", "X-Tenant", "X-Tenant-Id" })
            {
                spoofed.Headers.Add(header, alphaId);
            }

            spoofed.Headers.Add("X-Internal-Token", stolen);
            spoofed.Headers.Add("X-Internal-Authorization", "Bearer " + stolen);
            using var response = await alice.Http.SendAsync(spoofed);
            await OperatorsClient.ProblemAsync(response, HttpStatusCode.NotFound);
        }

        // In her own space, a header naming beta does not bring beta's bookings in.
        using (var own = Request(HttpMethod.Get, "/s/alpha/api/booking/bookings"))
        {
            own.Headers.Add("Operators-Tenant", betaId);
            using var response = await alice.Http.SendAsync(own);
            await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
            var ids = (await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(x => x!["id"]!.GetValue<string>()).ToList();
            Assert.That(ids, Is.EqualTo(new[] { a.Booking }));
        }

        // The internal token itself, presented to the gateway, is not a user's credential.
        using var anonymous = Stack.Client();
        using (var asBearer = Request(HttpMethod.Get, "/s/beta/api/booking/bookings"))
        {
            asBearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", stolen);
            using var response = await anonymous.Http.SendAsync(asBearer);
            await OperatorsClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        }

        using (var asHeader = Request(HttpMethod.Get, "/s/beta/api/booking/bookings"))
        {
            asHeader.Headers.Add("X-Internal-Token", stolen);
            asHeader.Headers.Add("Operators-Tenant", betaId);
            using var response = await anonymous.Http.SendAsync(asHeader);
            await OperatorsClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
        }
    }

    [Test]
    public async Task Granting_and_revoking_roles_publish_people_events_on_RabbitMQ_with_the_space()
    {
        var person = await admin.GrantAsync("alpha", "carla@alpha.test", "member");
        var id = Guid.Parse(person["id"]!.GetValue<string>());
        await admin.GrantAsync("alpha", "carla@alpha.test", "operator");
        using (var revoked = await admin.Http.DeleteAsync(new Uri($"/s/alpha/api/space/people/{id}/roles/member", UriKind.Relative)))
        {
            await OperatorsClient.ExpectAsync(revoked, HttpStatusCode.OK);
        }

        using (var left = await admin.Http.DeleteAsync(new Uri($"/s/alpha/api/space/people/{id}/roles/operator", UriKind.Relative)))
        {
            await OperatorsClient.ExpectAsync(left, HttpStatusCode.OK);
        }

        var changes = await Eventually.MatchAsync(
            () => Task.FromResult(Stack.Observer.Of<Operators.Contracts.People.PersonRolesChanged>().Where(c => c.Message.PersonId == id).ToList()),
            c => c.Count >= 3,
            TimeSpan.FromSeconds(30),
            "three role changes for carla on RabbitMQ");
        var joined = Stack.Observer.Of<Operators.Contracts.People.PersonJoinedSpace>().Where(j => j.Message.PersonId == id).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(joined, Has.Count.EqualTo(1));
            Assert.That(joined[0].Tenant, Is.EqualTo(alphaId));
            Assert.That(joined[0].Message.Email, Is.EqualTo("carla@alpha.test"));
            Assert.That(joined[0].Message.Roles, Is.EqualTo(new[] { "member" }));
            Assert.That(joined[0].Message.Invited, Is.True);
            Assert.That(changes.Select(c => c.Tenant), Has.All.EqualTo(alphaId));
            Assert.That(changes.Select(c => string.Join(',', c.Message.Roles.Order(StringComparer.Ordinal))), Is.EqualTo(new[] { "member,operator", "operator", "" }));
        });
    }

    private static HttpRequestMessage Request(HttpMethod method, string path) => new(method, new Uri(path, UriKind.Relative));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> CreateAsync(OperatorsClient client, string slug, string collection, object body)
    {
        using var response = await client.Http.PostAsJsonAsync($"/s/{slug}/api/booking/{collection}", body);
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
