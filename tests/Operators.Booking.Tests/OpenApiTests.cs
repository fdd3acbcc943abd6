using System.Net;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;

using Operators.Testing.Booking;

namespace Operators.Booking.Tests;

/// <summary>The service's OpenAPI document lists every answer of every route, the role filter's included.</summary>
public sealed class OpenApiTests
{
    private ServiceHost host = null!;
    private JsonObject paths = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await ServiceHost.StartAsync("Booking", "Sqlite");
        using var client = host.Client(Guid.NewGuid(), null);
        using var named = await client.GetAsync(new Uri("/openapi/booking.json", UriKind.Relative));
        using var response = named.StatusCode == HttpStatusCode.NotFound ? await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative)) : null;
        var document = JsonNode.Parse(await (response ?? named).Content.ReadAsStringAsync())!;
        paths = document["paths"]!.AsObject();
    }

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private string[] Responses(string path, string method) =>
        paths[path]?[method]?["responses"]?.AsObject().Select(r => r.Key).ToArray() ?? [];

    [Test]
    public void Every_booking_route_lists_its_success_and_the_routes_that_can_refuse_list_their_problems()
    {
        var operations = paths.Where(p => p.Key.StartsWith("/api/booking/", StringComparison.Ordinal))
            .SelectMany(p => p.Value!.AsObject().Where(o => o.Key is "get" or "post" or "put" or "delete").Select(o => (Path: p.Key, Method: o.Key)))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(operations, Has.Count.GreaterThan(25));
            foreach (var (path, method) in operations)
            {
                Assert.That(Responses(path, method), Has.Some.Matches<string>(s => s.StartsWith('2')), $"{method} {path}");
            }

            Assert.That(Responses("/api/booking/bookings", "post"), Is.SupersetOf(new[] { "201", "400", "401", "403", "404", "409", "422" }));
            Assert.That(Responses("/api/booking/resources/{id}", "put"), Is.SupersetOf(new[] { "200", "400", "401", "403", "404", "409" }));
            Assert.That(Responses("/api/booking/bookings/{id}", "get"), Is.SupersetOf(new[] { "200", "401", "404" }));
            Assert.That(Responses("/api/booking/calendar/{file}", "get"), Is.SupersetOf(new[] { "200", "404" }));
            Assert.That(Responses("/api/booking/day-passes", "post"), Is.SupersetOf(new[] { "201", "400", "401", "403", "404", "409" }));
            Assert.That(Responses("/api/booking/presence", "get"), Is.SupersetOf(new[] { "200", "400", "401", "403", "404" }));
            Assert.That(Responses("/api/booking/members/{id}/export", "get"), Is.SupersetOf(new[] { "200", "401", "404" }));
        });
    }

    [Test]
    public async Task The_role_filter_answers_401_for_nobody_404_for_a_stranger_and_403_for_a_member_naming_the_rule()
    {
        var space = await host.ProvisionSpaceAsync("roles-filter");
        using var nobody = host.Client(space, null);
        using var stranger = host.Client(space, Guid.NewGuid());
        using var member = host.Client(space, Guid.NewGuid(), SpaceRoles.Member);

        using var anonymous = await BookingApi.CreatePoolRequestAsync(nobody);
        using var outsider = await BookingApi.CreatePoolRequestAsync(stranger);
        using var denied = await BookingApi.CreatePoolRequestAsync(member);

        await OperatorsClient.ProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        await OperatorsClient.ProblemAsync(outsider, HttpStatusCode.NotFound);
        var problem = await OperatorsClient.ProblemAsync(denied, HttpStatusCode.Forbidden);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.EqualTo("Only operators manage resources."));
    }
}
