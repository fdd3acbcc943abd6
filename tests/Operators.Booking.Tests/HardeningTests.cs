using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>What a careless client or an attacker sends gets a 4xx problem naming the field, never a 5xx — on both providers.</summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed class HardeningTests(string provider)
{
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Booking", provider);

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private Task<Guid> SpaceAsync(string slug) => host.ProvisionSpaceAsync($"{slug}-{provider.ToLowerInvariant()}");

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<string[]> ErrorsOfAsync(HttpResponseMessage response, string field)
    {
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        var errors = problem["errors"]?[field]?.AsArray().Select(e => e!.GetValue<string>()).ToArray();
        Assert.That(errors, Is.Not.Null.And.Not.Empty, $"errors.{field} in {problem.ToJsonString()}");
        return errors!;
    }

    [TestCase("kind", "-1")]
    [TestCase("kind", "12345")]
    [TestCase("kind", "\"12345\"")]
    [TestCase("kind", "\"-1\"")]
    [TestCase("kind", "\"spaceship\"")]
    [TestCase("bookableBy", "-1")]
    [TestCase("bookableBy", "7")]
    [TestCase("kind", "\"desk-pool, room\"")]
    [TestCase("bookableBy", "\"members, everyone\"")]
    public async Task A_type_name_given_as_a_number_or_an_unknown_name_is_a_400_naming_the_field_on_create_and_update(string field, string value)
    {
        var space = await SpaceAsync("enum-" + Guid.NewGuid().ToString("N")[..8]);
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        var pool = await BookingApi.CreatePoolAsync(op, 4);
        var values = new Dictionary<string, string> { ["name"] = "\"Open space\"", ["kind"] = "\"desk-pool\"", ["capacity"] = "4", ["pricePerDay"] = "10", ["bookableBy"] = "\"members\"" };
        values[field] = value;
        var body = "{" + string.Join(", ", values.Select(v => $"\"{v.Key}\": {v.Value}")) + "}";

        var created = await ErrorsOfAsync(await op.PostAsync(new Uri("/api/booking/resources", UriKind.Relative), Json(body)), field);
        var updated = await ErrorsOfAsync(await op.PutAsync(new Uri($"/api/booking/resources/{pool}", UriKind.Relative), Json(body)), field);
        using var list = await member.GetAsync(new Uri("/api/booking/resources", UriKind.Relative));
        using var availability = await member.GetAsync(new Uri("/api/booking/availability", UriKind.Relative));

        Assert.Multiple(() =>
        {
            Assert.That(created[0], Does.Contain(field == "kind" ? "desk-pool, desk, room, office" : "members, everyone"));
            Assert.That(updated[0], Does.Contain(field));
            Assert.That(list.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(availability.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [TestCase("-1")]
    [TestCase("3")]
    [TestCase("\"4\"")]
    [TestCase("\"paypal\"")]
    [TestCase("\"cheque, online\"")]
    [TestCase("\"card, cheque\"")]
    public async Task A_day_pass_paid_with_a_number_or_an_unknown_means_is_a_400_naming_paidWith(string value)
    {
        var space = await SpaceAsync("paid-" + Guid.NewGuid().ToString("N")[..8]);
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        await BookingApi.CreatePoolAsync(op, 4);
        var date = BookingApi.Weekday(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var errors = await ErrorsOfAsync(
            await op.PostAsync(new Uri("/api/booking/day-passes", UriKind.Relative), Json($"{{\"date\": \"{date}\", \"guest\": {{\"name\": \"Ana\"}}, \"paidWith\": {value}}}")),
            "paidWith");

        Assert.That(errors[0], Does.Contain("cash, card, cheque, bank-transfer, online"));
    }

    [Test]
    public async Task Concurrent_first_calls_for_a_calendar_feed_all_answer_the_same_feed()
    {
        var space = await SpaceAsync("feed-race");
        using var reader = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);
        using var rotator = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);

        var gets = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => reader.GetAsync(new Uri("/api/booking/calendar", UriKind.Relative))));
        var rotations = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => rotator.PostAsync(new Uri("/api/booking/calendar/rotate", UriKind.Relative), null)));
        var urls = await Task.WhenAll(gets.Select(async r => (await BookingApi.JsonAsync(r, HttpStatusCode.OK))["url"]!.GetValue<string>()));
        var rotated = await Task.WhenAll(rotations.Select(async r => (await BookingApi.JsonAsync(r, HttpStatusCode.OK))["url"]!.GetValue<string>()));
        var now = (await reader.GetFromJsonAsync<JsonObject>("/api/booking/calendar"))!["url"]!.GetValue<string>();

        Assert.Multiple(() =>
        {
            Assert.That(urls.Distinct().ToList(), Is.EqualTo(new[] { now }), "one feed per member");
            Assert.That(rotated, Has.All.EndsWith(".ics"));
        });
        foreach (var response in gets.Concat(rotations))
        {
            response.Dispose();
        }
    }

    [TestCase("/api/booking/bookings?from=9999-12-31", "from")]
    [TestCase("/api/booking/bookings?from=2026-01-01&to=9999-12-31", "to")]
    [TestCase("/api/booking/bookings?from=0001-01-01", "from")]
    [TestCase("/api/booking/availability?date=9999-12-31", "date")]
    [TestCase("/api/booking/availability?date=0001-01-01", "date")]
    [TestCase("/api/booking/events?from=0001-01-01", "from")]
    [TestCase("/api/booking/events?from=9999-12-31", "from")]
    [TestCase("/api/booking/presence?date=9999-12-31", "date")]
    [TestCase("/api/booking/allowances/me?date=0001-01-01", "date")]
    public async Task A_date_at_the_ends_of_the_calendar_is_a_400_naming_the_parameter(string path, string field)
    {
        var space = await SpaceAsync("dates-" + Guid.NewGuid().ToString("N")[..8]);
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);

        var errors = await ErrorsOfAsync(await op.GetAsync(new Uri(path, UriKind.Relative)), field);

        Assert.That(errors[0], Does.Contain("9998-12-31"));
    }

    [TestCase("{\"weekly\": [null], \"closures\": []}", "weekly[0]")]
    [TestCase("{\"weekly\": [{\"day\": \"monday\", \"open\": \"08:00\", \"close\": \"18:00\"}, null], \"closures\": []}", "weekly[1]")]
    [TestCase("{\"weekly\": [], \"closures\": [null]}", "closures[0]")]
    [TestCase("{\"weekly\": [], \"closures\": [{\"date\": \"9999-12-31\", \"reason\": \"Fin\"}]}", "closures[0].date")]
    [TestCase("{\"weekly\": [], \"closures\": [{\"date\": \"2027-01-01\", \"reason\": \"Fin\\u0000\"}]}", "closures[0].reason")]
    [TestCase("{\"weekly\": [5], \"closures\": []}", "weekly[0]")]
    public async Task Holes_in_the_opening_hours_are_a_400_naming_the_entry(string body, string field)
    {
        var space = await SpaceAsync("hours-" + Guid.NewGuid().ToString("N")[..8]);
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);

        await ErrorsOfAsync(await op.PutAsync(new Uri("/api/booking/opening-hours", UriKind.Relative), Json(body)), field);
        using var hours = await op.GetAsync(new Uri("/api/booking/opening-hours", UriKind.Relative));

        Assert.That(hours.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Control_characters_are_refused_in_names_titles_and_descriptions_but_descriptions_keep_their_lines()
    {
        var space = await SpaceAsync("control");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        await BookingApi.CreatePoolAsync(op, 4);
        var date = BookingApi.Weekday(3);
        var day = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        object Event(string title, string? description) => new { title, description, start = BookingApi.Paris(date, 14), end = BookingApi.Paris(date, 15), capacity = 5 };

        var name = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Open\u0000space", kind = "desk-pool", capacity = 4, pricePerDay = 1m }), "name");
        var bidi = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Salle \u202Eevil", kind = "room", capacity = 4, pricePerHour = 1m }), "name");
        var amenity = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Desk", kind = "desk", capacity = 1, pricePerDay = 1m, amenities = new[] { "wifi\n" } }), "amenities[0]");
        var title = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/events", Event("Apéro\u001b[31m", null)), "title");
        var description = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/events", Event("Apéro", "Bring\u0000food")), "description");
        var guest = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/day-passes", new { date = day, guest = new { name = "Ana\u0007" }, paidWith = "cash" }), "guest.name");
        using var lines = await op.PostAsJsonAsync("/api/booking/events", Event("Apéro 🍷‍", "Bring food.\r\nAnd drinks:\tboth."));

        Assert.Multiple(() =>
        {
            foreach (var errors in new[] { name, bidi, amenity, title, description, guest })
            {
                Assert.That(errors[0], Does.Contain("control characters"));
            }

            Assert.That(lines.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        });
    }

    /// <summary>Wrong types, huge and empty values, odd dates on every write route: 4xx problems, never a 5xx.</summary>
    [Test]
    public async Task Malformed_bodies_get_a_problem_never_a_server_error()
    {
        var space = await SpaceAsync("corpus");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var pool = await BookingApi.CreatePoolAsync(op, 4);
        var room = await BookingApi.CreateRoomAsync(op);
        var routes = new (HttpMethod Method, string Path)[]
        {
            (HttpMethod.Post, "/api/booking/resources"), (HttpMethod.Put, $"/api/booking/resources/{pool}"),
            (HttpMethod.Put, "/api/booking/opening-hours"), (HttpMethod.Put, "/api/booking/settings"),
            (HttpMethod.Post, "/api/booking/bookings"), (HttpMethod.Post, "/api/booking/day-passes"), (HttpMethod.Post, "/api/booking/events"),
        };
        var bodies = new[]
        {
            "", "null", "[]", "42", "\"text\"", "{", "{\"name\": }", "{}",
            "{\"name\": 5, \"kind\": true, \"capacity\": \"many\", \"pricePerDay\": \"free\"}",
            "{\"name\": \"x\", \"kind\": \"desk-pool\", \"capacity\": 1e40, \"pricePerDay\": 1e40}",
            "{\"name\": \"x\", \"kind\": \"desk-pool\", \"capacity\": 4, \"pricePerDay\": 79228162514264337593543950335}",
            "{\"name\": \"x\", \"kind\": \"desk-pool\", \"capacity\": 4, \"pricePerDay\": -0.001, \"vatRate\": 1e5, \"amenities\": [null, \"\"]}",
            $"{{\"name\": \"{new string('x', 100_000)}\", \"kind\": \"desk\", \"capacity\": 1, \"pricePerDay\": 1}}",
            $"{{\"resourceId\": \"{pool}\", \"date\": \"9998-12-31\"}}",
            $"{{\"resourceId\": \"{pool}\", \"date\": \"0002-01-01\", \"seats\": 2147483647}}",
            $"{{\"resourceId\": \"{room}\", \"start\": \"9998-12-31T23:00:00+00:00\", \"end\": \"9998-12-31T23:30:00-14:00\"}}",
            $"{{\"resourceId\": \"{room}\", \"start\": \"0001-01-01T00:00:00+14:00\", \"end\": \"0001-01-01T05:00:00+00:00\"}}",
            $"{{\"resourceId\": \"{room}\", \"start\": \"9999-12-31T23:59:59+00:00\", \"end\": \"9999-12-31T23:59:59-14:00\"}}",
            "{\"date\": \"9998-12-31\", \"guest\": {\"name\": \"A\", \"email\": \"a@b.c\"}}",
            "{\"date\": \"2027-01-04\", \"guest\": null, \"memberId\": \"00000000-0000-0000-0000-000000000000\"}",
            "{\"title\": \"T\", \"start\": \"9998-12-31T23:00:00+00:00\", \"end\": \"9998-12-31T23:30:00+00:00\", \"capacity\": 3}",
            "{\"title\": \"T\", \"start\": \"2027-01-04T10:00:00+00:00\", \"end\": \"9998-12-31T23:30:00+00:00\", \"capacity\": 3}",
            $"{{\"title\": \"T\", \"start\": \"2027-01-04T10:00:00+00:00\", \"end\": \"2027-01-04T11:00:00+00:00\", \"capacity\": 3, \"roomId\": \"{pool}\"}}",
            "{\"weekly\": [{\"day\": \"1\", \"open\": \"25:00\", \"close\": \"-1\"}, {}], \"closures\": [{}]}",
            "{\"maxBookingHours\": 2147483648, \"defaultVatRate\": \"NaN\", \"lateCancellationFeeShare\": 1e400}",
        };

        var failures = new List<string>();
        foreach (var (method, path) in routes)
        {
            foreach (var body in bodies)
            {
                using var request = new HttpRequestMessage(method, path) { Content = Json(body) };
                using var response = await op.SendAsync(request);
                var status = (int)response.StatusCode;
                var type = response.Content.Headers.ContentType?.MediaType;
                if (status >= 500 || (status >= 400 && type != "application/problem+json"))
                {
                    failures.Add($"{method} {path} {body[..Math.Min(body.Length, 120)]} → {status} {type}");
                }
            }
        }

        Assert.That(failures, Is.Empty);
    }

    [Test]
    public async Task Resource_prices_are_money_objects_and_a_request_gives_a_number_or_a_money_object_in_the_spaces_currency()
    {
        var space = await SpaceAsync("money");
        using var op = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);

        var pool = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Open space", kind = "desk-pool", capacity = 4, pricePerDay = 15.5m }), HttpStatusCode.Created);
        var read = (await member.GetFromJsonAsync<JsonObject>($"/api/booking/resources/{pool["id"]}"))!;
        read["name"] = "Grand open space";
        var sentBack = await BookingApi.JsonAsync(await op.PutAsJsonAsync($"/api/booking/resources/{pool["id"]}", read), HttpStatusCode.OK);
        var room = await BookingApi.JsonAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Salle", kind = "room", capacity = 6, pricePerHour = new { amount = 20, currency = "EUR" } }), HttpStatusCode.Created);
        var dollars = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Desk", kind = "desk", capacity = 1, pricePerDay = new { amount = 20, currency = "USD" } }), "pricePerDay.currency");
        var text = await ErrorsOfAsync(await op.PostAsync(new Uri("/api/booking/resources", UriKind.Relative), Json("{\"name\": \"Desk\", \"kind\": \"desk\", \"capacity\": 1, \"pricePerDay\": \"free\"}")), "pricePerDay");
        var negative = await ErrorsOfAsync(await op.PostAsJsonAsync("/api/booking/resources", new { name = "Desk", kind = "desk", capacity = 1, pricePerDay = -1 }), "pricePerDay");
        var listed = (await member.GetFromJsonAsync<JsonArray>("/api/booking/resources"))!;

        Assert.Multiple(() =>
        {
            Assert.That(pool["pricePerDay"]!.ToJsonString(), Is.EqualTo("{\"amount\":15.5,\"currency\":\"EUR\"}"));
            Assert.That(pool["pricePerHour"], Is.Null);
            Assert.That(sentBack["pricePerDay"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(15.5m), "what is read can be sent back");
            Assert.That(sentBack["name"]!.GetValue<string>(), Is.EqualTo("Grand open space"));
            Assert.That(room["pricePerHour"]!["amount"]!.GetValue<decimal>(), Is.EqualTo(20m));
            Assert.That(room["pricePerHour"]!["currency"]!.GetValue<string>(), Is.EqualTo("EUR"));
            Assert.That(dollars[0], Does.Contain("EUR"));
            Assert.That(text[0], Does.Contain("{amount, currency}"));
            Assert.That(negative, Is.Not.Empty);
            Assert.That(listed.Select(r => r!["pricePerDay"]?["currency"]?.GetValue<string>() ?? r!["pricePerHour"]!["currency"]!.GetValue<string>()), Has.All.EqualTo("EUR"));
        });
    }
}
