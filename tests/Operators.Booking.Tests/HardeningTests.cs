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
    private BookingHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await BookingHost.StartAsync(provider);

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
}
