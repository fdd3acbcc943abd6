using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Operators.Gateway.Tests;

/// <summary>The space registry and the edge, through the standalone host (gateway and services in one process).</summary>
public sealed class SpacesTests
{
    private StandaloneHost host = null!;
    private OperatorsClient admin = null!;
    private OperatorsClient anonymous = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await StandaloneHost.StartAsync();
        admin = await host.AdminClientAsync();
        anonymous = new OperatorsClient(host.Process.BaseAddress);
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        anonymous.Dispose();
        await host.DisposeAsync();
    }

    [Test]
    public async Task Templates_include_the_two_built_in_ones()
    {
        using var response = await anonymous.Http.GetAsync(new Uri("/api/templates", UriKind.Relative));
        var templates = await response.Content.ReadFromJsonAsync<JsonArray>();
        Assert.That(templates!.Select(t => t!["id"]!.GetValue<string>()), Is.SupersetOf(new[] { "rural-tiers-lieu", "urban-coworking" }));
    }

    [Test]
    public async Task A_new_space_is_accepted_provisioned_by_every_service_and_then_served()
    {
        using (var created = await admin.CreateSpaceAsync("la-ruche", "urban-coworking", "La Ruche"))
        {
            await OperatorsClient.ExpectAsync(created, HttpStatusCode.Accepted);
            var body = await created.Content.ReadFromJsonAsync<JsonObject>();
            Assert.Multiple(() =>
            {
                Assert.That(created.Headers.Location?.ToString(), Is.EqualTo("/api/spaces/la-ruche"));
                Assert.That(body!["slug"]!.GetValue<string>(), Is.EqualTo("la-ruche"));
                Assert.That(body["status"]!.GetValue<string>(), Is.AnyOf("provisioning", "active"));
            });
        }

        var status = await admin.WaitForProvisioningAsync("la-ruche", TimeSpan.FromSeconds(30));
        var profile = await anonymous.GetJsonAsync("/s/la-ruche/api/space");
        var directory = await anonymous.Http.GetFromJsonAsync<JsonArray>("/api/spaces");
        Assert.Multiple(() =>
        {
            Assert.That(status["status"]!.GetValue<string>(), Is.EqualTo("active"));
            Assert.That(status["steps"]!.AsObject().Select(s => s.Value!.GetValue<string>()), Is.All.EqualTo("completed"));
            Assert.That(profile["name"]!.GetValue<string>(), Is.EqualTo("La Ruche"));
            Assert.That(profile["timeZone"]!.GetValue<string>(), Is.EqualTo("Europe/Paris"));
            Assert.That(directory!.Select(d => d!["slug"]!.GetValue<string>()), Does.Contain("la-ruche"));
        });

        foreach (var service in new[] { "booking", "membership", "billing" })
        {
            var seen = await anonymous.GetJsonAsync($"/s/la-ruche/api/{service}/space");
            Assert.That(seen["id"]!.GetValue<string>(), Is.EqualTo(status["id"]!.GetValue<string>()), service);
        }
    }

    [Test]
    public async Task A_slug_that_exists_is_a_409_and_changes_nothing()
    {
        await admin.CreateSpaceAndWaitAsync("le-hangar");
        using var again = await admin.CreateSpaceAsync("le-hangar", "urban-coworking", "Another name");
        var problem = await OperatorsClient.ProblemAsync(again, HttpStatusCode.Conflict);
        var status = await admin.GetJsonAsync("/api/spaces/le-hangar");
        Assert.Multiple(() =>
        {
            Assert.That(problem["detail"]!.GetValue<string>(), Does.Contain("le-hangar"));
            Assert.That(status["name"]!.GetValue<string>(), Is.EqualTo("Space le-hangar"));
            Assert.That(status["template"]!.GetValue<string>(), Is.EqualTo("rural-tiers-lieu"));
        });
    }

    [TestCase("Not URL safe", "slug")]
    [TestCase("-leading", "slug")]
    [TestCase("double--hyphen", "slug")]
    [TestCase("ab", "slug")]
    [TestCase("api", "slug")]
    public async Task A_slug_that_is_not_url_safe_is_a_400_naming_the_field_and_nothing_is_created(string slug, string field)
    {
        using var response = await admin.CreateSpaceAsync(slug);
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Does.Contain(field));
        using var lookup = await admin.Http.GetAsync(new Uri($"/api/spaces/{Uri.EscapeDataString(slug)}", UriKind.Relative));
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task An_unknown_template_is_a_400_and_nothing_is_created()
    {
        using var response = await admin.CreateSpaceAsync("la-grange", "castle");
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["template"]![0]!.GetValue<string>(), Does.Contain("rural-tiers-lieu"));
        using var lookup = await admin.Http.GetAsync(new Uri("/api/spaces/la-grange", UriKind.Relative));
        Assert.That(lookup.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Missing_fields_are_each_named()
    {
        using var response = await admin.Http.PostAsJsonAsync("/api/spaces", new { slug = "la-cour" });
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "template", "owner" }));
    }

    [Test]
    public async Task Only_a_network_admin_creates_or_inspects_spaces()
    {
        using var create = await anonymous.CreateSpaceAsync("le-moulin");
        await OperatorsClient.ProblemAsync(create, HttpStatusCode.Unauthorized);
        using var inspect = await anonymous.Http.GetAsync(new Uri("/api/spaces/le-moulin", UriKind.Relative));
        await OperatorsClient.ProblemAsync(inspect, HttpStatusCode.Unauthorized);
    }

    [TestCase("/s/nowhere/api/space")]
    [TestCase("/s/nowhere/api/booking/space")]
    [TestCase("/api/booking/space")]
    [TestCase("/api/space")]
    [TestCase("/no/such/route")]
    public async Task Unknown_spaces_and_routes_are_404_problems(string path)
    {
        using var response = await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative));
        await OperatorsClient.ProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Client_sent_tenant_headers_and_internal_tokens_are_ignored()
    {
        var a = await admin.CreateSpaceAndWaitAsync("space-a");
        var b = await admin.CreateSpaceAndWaitAsync("space-b");
        var forged = TestTokens.Internal(Operators.ServiceDefaults.Security.SigningKeys.Generate(), "booking", Guid.Parse(b["id"]!.GetValue<string>()));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/s/space-a/api/booking/space");
        request.Headers.Add("Operators-Tenant", b["id"]!.GetValue<string>());
        request.Headers.Add("X-Operators-Tenant", b["id"]!.GetValue<string>());
        request.Headers.Add("X-Internal-Token", forged);
        using var response = await anonymous.Http.SendAsync(request);
        var seen = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(seen["id"]!.GetValue<string>(), Is.EqualTo(a["id"]!.GetValue<string>()));

        using var outside = new HttpRequestMessage(HttpMethod.Get, "/api/booking/space");
        outside.Headers.Add("Operators-Tenant", b["id"]!.GetValue<string>());
        outside.Headers.Authorization = new("Bearer", forged);
        using var refused = await anonymous.Http.SendAsync(outside);
        await OperatorsClient.ProblemAsync(refused, HttpStatusCode.NotFound);
    }

    [Test]
    public async Task The_api_reference_is_browsable_and_documents_every_module()
    {
        using var page = await anonymous.Http.GetAsync(new Uri("/docs", UriKind.Relative));
        var document = await anonymous.GetJsonAsync("/openapi/v1.json");
        Assert.Multiple(() =>
        {
            Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(page.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(document["paths"]!.AsObject().Select(p => p.Key),
                Is.SupersetOf(new[] { "/api/spaces", "/auth/token", "/api/booking/space", "/api/membership/space", "/api/billing/space" }));
        });
    }
}
