using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Security;

namespace Operators.Testing;

/// <summary>
/// What every service behind the gateway promises, run against the service as its own process on both
/// providers: it trusts only the gateway's internal token for its own audience, answers for spaces it has
/// provisioned and 404 for any other, and applies its migrations at start. Each service's test project
/// runs these against its host.
/// </summary>
public abstract class ServiceContractTests(string service, string provider)
{
    private readonly string key = SigningKeys.Generate();
    private readonly string audience = service.ToLowerInvariant();
    private HostProcess host = null!;
    private TestDatabase? database;
    private string? dataPath;

    [OneTimeSetUp]
    public async Task Start()
    {
        var settings = new Dictionary<string, string>
        {
            ["InternalAuth:SigningKey"] = key,
            ["Bus:Transport"] = "InMemory",
            ["Database:Provider"] = provider,
            ["Database:MigrateOnStart"] = "true",
        };
        if (provider == "Postgres")
        {
            database = await TestPostgres.CreateDatabaseAsync(audience);
            settings[$"ConnectionStrings:{service}"] = database.ConnectionString;
        }
        else
        {
            dataPath = Path.Combine(Path.GetTempPath(), $"operators-{audience}-" + Guid.NewGuid().ToString("N")[..8]);
            settings["Data:Path"] = dataPath;
        }

        host = await HostProcess.StartAsync(service, settings);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        await host.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }

        if (dataPath is not null && Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private async Task<HttpResponseMessage> GetSpaceAsync(string? token)
    {
        using var client = host.CreateClient();
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
        using var response = await GetSpaceAsync(TestTokens.Internal(key, other, Guid.NewGuid()));
        Assert.That(response.StatusCode, Is.AnyOf(HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task A_valid_token_for_a_space_this_service_never_provisioned_is_a_404()
    {
        using var response = await GetSpaceAsync(TestTokens.Internal(key, audience, Guid.NewGuid()));
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("No such space"));
    }

    [Test]
    public async Task It_is_ready_with_its_schema_applied_and_publishes_its_openapi_document()
    {
        using var client = host.CreateClient();
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
