using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace Operators.EndToEnd.Tests;

/// <summary>Four processes on PostgreSQL and RabbitMQ: the shape production runs in.</summary>
[NonParallelizable]
public sealed class DistributedEndToEndTests
{
    private DistributedHosts stack = null!;

    [OneTimeSetUp]
    public async Task Start() => stack = await DistributedHosts.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0)
        {
            await TestContext.Out.WriteLineAsync(stack.Logs);
        }

        await stack.DisposeAsync();
    }

    [Test]
    public async Task A_space_created_through_the_gateway_is_provisioned_by_every_service_and_becomes_active()
    {
        using var admin = await stack.AdminClientAsync();
        var space = await admin.CreateSpaceAndWaitAsync("la-filature", "urban-coworking", TimeSpan.FromSeconds(90));
        Assert.That(space["status"]!.GetValue<string>(), Is.EqualTo("active"), stack.Logs);

        using var visitor = stack.Client();
        var profile = await visitor.GetJsonAsync("/s/la-filature/api/space");
        Assert.That(profile["id"]!.GetValue<string>(), Is.EqualTo(space["id"]!.GetValue<string>()));
        foreach (var service in new[] { "booking", "membership", "billing" })
        {
            var seen = await visitor.GetJsonAsync($"/s/la-filature/api/{service}/space");
            Assert.That(seen["template"]!.GetValue<string>(), Is.EqualTo("urban-coworking"), service);
        }
    }

    [Test]
    public async Task A_service_reached_directly_without_the_gateways_token_answers_401()
    {
        foreach (var (name, service) in stack.Services)
        {
            using var client = service.CreateClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/{name}/space");
            request.Headers.Add("Operators-Tenant", Guid.NewGuid().ToString());
            using var response = await client.SendAsync(request);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized), name);
        }
    }

    [Test]
    public async Task A_user_token_is_not_accepted_by_a_service()
    {
        using var admin = await stack.AdminClientAsync();
        using var client = stack.Services["booking"].CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/booking/space");
        request.Headers.Authorization = admin.Http.DefaultRequestHeaders.Authorization;
        using var response = await client.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Each_services_openapi_document_is_reachable_through_the_gateway()
    {
        using var visitor = stack.Client();
        foreach (var service in new[] { "booking", "membership", "billing" })
        {
            var document = await visitor.GetJsonAsync($"/openapi/{service}.json");
            Assert.That(document["paths"]!.AsObject().Select(p => p.Key), Does.Contain($"/api/{service}/space"), service);
        }
    }
}
