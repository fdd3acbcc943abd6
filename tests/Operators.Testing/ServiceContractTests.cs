using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Spaces;
using Operators.ServiceDefaults.Security;

namespace Operators.Testing;

/// <summary>
/// What every service behind the gateway promises, run against the service as its own process on both
/// providers (<see cref="ServiceHost"/>): it trusts only the gateway's internal token for its own audience,
/// provisions spaces from the real provisioning message and reports its step, answers 404 for any other space,
/// and applies its migrations at start. Each service's test project runs these against its host.
/// </summary>
public abstract class ServiceContractTests(string service, string provider)
{
    private readonly string audience = service.ToLowerInvariant();
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() =>
        host = await ServiceHost.StartAsync(service, provider, observe: s => s.Observe<SpaceProvisioningStepCompleted>());

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    [Test]
    public async Task A_space_provisioned_through_the_bus_is_served_and_the_step_reported_done()
    {
        var space = await host.ProvisionSpaceAsync($"contract-{audience}");
        using var client = host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);
        var served = (await client.GetFromJsonAsync<JsonObject>($"/api/{audience}/space"))!;
        var steps = await Eventually.MatchAsync(
            () => Task.FromResult(host.Published.Select(p => p.Message).OfType<SpaceProvisioningStepCompleted>().Where(s => s.SpaceId == space).ToList()),
            l => l.Count > 0, TimeSpan.FromSeconds(30), "the step to be reported");
        Assert.Multiple(() =>
        {
            Assert.That(served["id"]!.GetValue<string>(), Is.EqualTo(space.ToString()));
            Assert.That(served["slug"]!.GetValue<string>(), Is.EqualTo($"contract-{audience}"));
            Assert.That(steps.Select(s => (s.Step, s.Succeeded)), Is.EqualTo(new[] { (audience, true) }));
        });
    }

    private async Task<HttpResponseMessage> GetSpaceAsync(string? token)
    {
        using var client = host.Process.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/{audience}/space");
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await client.SendAsync(request);
    }

    [Test]
    public async Task Reached_without_the_gateways_token_it_answers_401()
    {
        using var response = await GetSpaceAsync(null);
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        using var response = await GetSpaceAsync(TestTokens.Internal(SigningKeys.Generate(), audience, Guid.NewGuid()));
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task A_token_minted_for_another_service_is_refused()
    {
        var other = audience == "booking" ? "billing" : "booking";
        using var response = await GetSpaceAsync(TestTokens.Internal(host.Key, other, Guid.NewGuid()));
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_valid_token_for_a_space_this_service_never_provisioned_is_a_404()
    {
        using var response = await GetSpaceAsync(TestTokens.Internal(host.Key, audience, Guid.NewGuid()));
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("No such space"));
    }

    [Test]
    public async Task It_is_ready_with_its_schema_applied_and_publishes_its_openapi_document()
    {
        using var client = host.Process.CreateClient();
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        using var openApi = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var document = JsonNode.Parse(await openApi.Content.ReadAsStringAsync())!;
        Assert.Multiple(() =>
        {
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(document["paths"]!.AsObject().Select(p => p.Key), Does.Contain($"/api/{audience}/space"));
        });
    }
}
