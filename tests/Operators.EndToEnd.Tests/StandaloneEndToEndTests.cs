using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Operators.EndToEnd.Tests;

/// <summary>One process, SQLite files, in-memory bus: what a single rural space runs on a small box.</summary>
public sealed class StandaloneEndToEndTests
{
    [Test]
    public async Task With_no_configuration_a_space_is_created_through_the_gateway_and_becomes_active_and_survives_a_restart()
    {
        var data = Path.Combine(Path.GetTempPath(), "operators-e2e-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string spaceId;
            string password;
            await using (var host = await StandaloneHost.StartAsync(data))
            {
                Assert.That(host.Process.Output, Does.Contain("Operators (standalone) is running at http://127.0.0.1:"));
                password = host.AdminPassword;
                using var admin = await host.AdminClientAsync();
                var space = await admin.CreateSpaceAndWaitAsync("tiers-lieu-du-bourg");
                Assert.That(space["status"]!.GetValue<string>(), Is.EqualTo("active"), host.Process.Output);
                spaceId = space["id"]!.GetValue<string>();
                var booking = await admin.GetJsonAsync("/s/tiers-lieu-du-bourg/api/booking/space");
                Assert.That(booking["id"]!.GetValue<string>(), Is.EqualTo(spaceId));
            }

            await using (var again = await StandaloneHost.StartAsync(data))
            {
                Assert.That(again.AdminPassword, Is.EqualTo(password), "generated secrets are kept in the data folder");
                using var admin = await again.AdminClientAsync();
                var status = await admin.GetJsonAsync("/api/spaces/tiers-lieu-du-bourg");
                var profile = await admin.GetJsonAsync("/s/tiers-lieu-du-bourg/api/space");
                var billing = await admin.GetJsonAsync("/s/tiers-lieu-du-bourg/api/billing/space");
                Assert.Multiple(() =>
                {
                    Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("active"));
                    Assert.That(profile["id"]!.GetValue<string>(), Is.EqualTo(spaceId));
                    Assert.That(billing["id"]!.GetValue<string>(), Is.EqualTo(spaceId));
                });
            }
        }
        finally
        {
            if (Directory.Exists(data))
            {
                Directory.Delete(data, recursive: true);
            }
        }
    }

    [Test]
    public async Task The_port_option_is_honoured_and_printed()
    {
        var port = FreePort();
        await using var host = await StandaloneHost.StartAsync(urls: $"http://127.0.0.1:{port}");
        Assert.Multiple(() =>
        {
            Assert.That(host.Process.BaseAddress.Port, Is.EqualTo(port));
            Assert.That(host.Process.Output, Does.Contain($"Operators (standalone) is running at http://127.0.0.1:{port}"));
        });
        using var client = host.Process.CreateClient();
        using var templates = await client.GetAsync(new Uri("/api/templates", UriKind.Relative));
        Assert.That(templates.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task Each_modules_openapi_document_is_served_at_the_same_address_as_behind_the_distributed_gateway()
    {
        await using var host = await StandaloneHost.StartAsync();
        using var visitor = new OperatorsClient(host.Process.BaseAddress);
        static List<string> Paths(JsonObject document) => document["paths"]!.AsObject().Select(p => p.Key).ToList();
        foreach (var service in new[] { "booking", "membership", "billing" })
        {
            var paths = Paths(await visitor.GetJsonAsync($"/openapi/{service}.json"));
            Assert.Multiple(() =>
            {
                Assert.That(paths, Does.Contain($"/api/{service}/space"), service);
                Assert.That(paths, Is.All.StartsWith($"/api/{service}/"), service);
            });
        }

        var gateway = Paths(await visitor.GetJsonAsync("/openapi/gateway.json"));
        var everything = Paths(await visitor.GetJsonAsync("/openapi/v1.json"));
        Assert.Multiple(() =>
        {
            Assert.That(gateway, Is.SupersetOf(new[] { "/auth/token", "/api/spaces", "/api/space/people" }));
            Assert.That(gateway, Has.None.StartsWith("/api/booking/").And.None.StartsWith("/api/membership/").And.None.StartsWith("/api/billing/"));
            Assert.That(everything, Is.SupersetOf(gateway).And.Contain("/api/booking/space"), "/openapi/v1.json still holds every route of the host");
        });
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
