using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Operators.ServiceDefaults.Security;

namespace Operators.ServiceDefaults.Tests;

public enum SampleKind
{
    DeskPool,
    BankTransfer,
}

public sealed record Sample(string Name, SampleKind Kind);

/// <summary>The defaults every host gets, on a real Kestrel server with a small app of its own.</summary>
public sealed class ServiceDefaultsTests
{
    private static readonly string Key = SigningKeys.Generate();
    private WebApplication app = null!;
    private HttpClient client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Http:MaxRequestBodyBytes"] = "1000",
            ["InternalAuth:SigningKey"] = Key,
        });
        builder.AddServiceDefaults();
        builder.AddInternalAuthentication("sample");
        app = builder.Build();
        app.UseServiceDefaults();
        app.MapGet("/boom", string () => throw new InvalidOperationException("connection string Password=hunter2"));
        app.MapPost("/echo", (Sample sample) => TypedResults.Ok(sample));
        app.MapGet("/guarded", () => "in").RequireInternalToken("sample");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        client.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }

    [Test]
    public async Task An_unhandled_exception_is_a_500_problem_that_reveals_nothing_internal()
    {
        using var response = await client.GetAsync(new Uri("/boom", UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.InternalServerError);
        Assert.Multiple(() =>
        {
            Assert.That(body, Does.Not.Contain("hunter2"));
            Assert.That(body, Does.Not.Contain("InvalidOperationException"));
            Assert.That(body, Does.Not.Contain(" at "));
        });
    }

    [Test]
    public async Task An_unknown_route_is_a_404_problem()
    {
        using var response = await client.GetAsync(new Uri("/nowhere", UriKind.Relative));
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Enums_travel_as_kebab_case_strings_and_fields_as_camel_case()
    {
        using var response = await client.PostAsJsonAsync("/echo", new { name = "pool", kind = "desk-pool" });
        Assert.That(await response.Content.ReadAsStringAsync(), Is.EqualTo("{\"name\":\"pool\",\"kind\":\"desk-pool\"}"));
    }

    [Test]
    public async Task Malformed_json_is_a_400_problem()
    {
        using var content = new StringContent("{\"name\": \"x\", ", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), content);
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("not valid JSON"));
    }

    [Test]
    public async Task An_unknown_enum_value_is_a_400_problem()
    {
        using var response = await client.PostAsJsonAsync("/echo", new { name = "pool", kind = "castle" });
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task A_wrong_content_type_is_a_415_problem()
    {
        using var content = new StringContent("name=x", Encoding.UTF8, "text/plain");
        using var response = await client.PostAsync(new Uri("/echo", UriKind.Relative), content);
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("JSON"));
    }

    [Test]
    public async Task An_oversized_body_is_a_413_problem()
    {
        using var response = await client.PostAsJsonAsync("/echo", new { name = new string('x', 5000), kind = "desk-pool" });
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
    }

    [Test]
    public async Task Liveness_and_readiness_answer()
    {
        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        using var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Multiple(() =>
        {
            Assert.That(live.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task The_internal_token_is_required_checked_and_scoped_to_its_audience()
    {
        async Task<HttpStatusCode> Call(string? token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/guarded");
            if (token is not null)
            {
                request.Headers.Authorization = new("Bearer", token);
            }

            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }

        var tenant = Guid.NewGuid();
        Assert.Multiple(async () =>
        {
            Assert.That(await Call(null), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Call("not-a-jwt"), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Call(TestTokens.Internal(SigningKeys.Generate(), "sample", tenant)), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Call(TestTokens.Internal(Key, "other", tenant)), Is.EqualTo(HttpStatusCode.Unauthorized));
            Assert.That(await Call(TestTokens.Internal(Key, "sample", tenant)), Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public void A_postgres_provider_without_a_connection_string_fails_at_start_with_a_clear_message()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Postgres" });
        var error = Assert.Throws<InvalidOperationException>(() =>
            Operators.ServiceDefaults.Data.DatabaseExtensions.AddServiceDatabase<Microsoft.EntityFrameworkCore.DbContext, Microsoft.EntityFrameworkCore.DbContext, Microsoft.EntityFrameworkCore.DbContext>(builder, "Sample"));
        Assert.That(error.Message, Does.Contain("ConnectionStrings:Sample"));
    }
}
