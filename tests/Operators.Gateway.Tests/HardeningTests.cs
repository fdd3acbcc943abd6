using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Operators.Gateway.Tests;

/// <summary>What an attacker or a careless client found at the edge: each answer is a 4xx problem, never a 5xx.</summary>
public sealed class HardeningTests
{
    private const string Password = "Correct-horse-9";

    // The smallest PNG there is: its 8-byte signature and a 1×1 image.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=");

    private StandaloneHost host = null!;
    private OperatorsClient admin = null!;
    private OperatorsClient anonymous = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        host = await StandaloneHost.StartAsync();
        admin = await host.AdminClientAsync();
        anonymous = new OperatorsClient(host.Process.BaseAddress);
        await admin.CreateSpaceAndWaitAsync("rempart");
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        admin.Dispose();
        anonymous.Dispose();
        await host.DisposeAsync();
    }

    [TestCase("/s/nowhere/", "text/html")]
    [TestCase("/s/nowhere/api/space", "text/html")]
    [TestCase("/s/nowhere/api/booking/space", "application/xml")]
    [TestCase("/no/such/route", "text/html")]
    [TestCase("/api/no/such/route", "application/xml")]
    public async Task A_404_is_a_problem_document_whatever_the_client_accepts(string path, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await anonymous.Http.SendAsync(request);
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That(problem["detail"]!.GetValue<string>(), Is.Not.Empty);
    }

    [TestCase("/lang/en?returnUrl=%2Fcaf%C3%A9", "/")]
    [TestCase("/s/rempart/lang/en?returnUrl=%2Fcaf%C3%A9", "/s/rempart/")]
    [TestCase("/s/rempart/lang/en?returnUrl=%2Fbook%3Fdate%3D2030-01-07", "/s/rempart/book?date=2030-01-07")]
    public async Task The_language_switch_goes_home_rather_than_to_an_address_a_header_cannot_carry(string path, string location)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.Process.BaseAddress };
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location?.OriginalString, Is.EqualTo(location));
    }

    [Test]
    public async Task Every_response_carries_the_security_headers_and_pages_allow_this_site_only()
    {
        foreach (var path in new[] { "/s/rempart/", "/s/rempart/account/login", "/api/templates", "/s/nowhere/api/space" })
        {
            using var response = await anonymous.Http.GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(",", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Multiple(() =>
            {
                Assert.That(response.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }), path);
                Assert.That(response.Headers.GetValues("Referrer-Policy"), Is.EqualTo(new[] { "same-origin" }), path);
                Assert.That(response.Headers.GetValues("X-Frame-Options"), Is.EqualTo(new[] { "DENY" }), path);
                Assert.That(csp, Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'").And.Contain("style-src 'self';").And.Not.Contain("unsafe-inline"), path);
            });
        }

        // The space's colours come from a stylesheet of its own, so the pages need no inline style.
        var page = await anonymous.Http.GetStringAsync(new Uri("/s/rempart/", UriKind.Relative));
        Assert.That(page, Does.Not.Contain("style=").And.Contain("theme.css?accent="));
        var css = await anonymous.Http.GetStringAsync(new Uri("/s/rempart/theme.css", UriKind.Relative));
        Assert.That(css, Does.Contain("--accent: #"));
    }

    [TestCase("#1f5f4a\n")]
    [TestCase("#1f5f4a\r\n")]
    [TestCase("1f5f4a")]
    public async Task An_accent_colour_is_exactly_rrggbb(string colour)
    {
        using var response = await admin.Http.PutAsJsonAsync("/s/rempart/api/space/theme", new { accentColor = colour });
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!["accentColor"], Is.Not.Null);
    }

    [Test]
    public async Task Control_characters_in_names_are_refused_naming_the_field()
    {
        using (var space = await admin.Http.PostAsJsonAsync("/api/spaces", new
        {
            slug = "nul-space",
            name = "Nul\u0000space",
            template = "rural-tiers-lieu",
            town = "Town\u001b[31m",
            owner = new { email = "owner@nul.test", displayName = "Owner\u202Eevil" },
        }))
        {
            var problem = await OperatorsClient.ProblemAsync(space, HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { "name", "town", "owner.displayName" }));
        }

        using (var register = await anonymous.Http.PostAsJsonAsync("/auth/register", new { email = "nul@example.test", password = Password, displayName = "Nul\u0000" }))
        {
            var problem = await OperatorsClient.ProblemAsync(register, HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!["displayName"], Is.Not.Null);
        }

        using (var grant = await admin.Http.PostAsJsonAsync("/s/rempart/api/space/people", new { email = "nul@example.test", displayName = "Nul\u0007", roles = new[] { "member" } }))
        {
            var problem = await OperatorsClient.ProblemAsync(grant, HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!["displayName"], Is.Not.Null);
        }

        // A description may hold line breaks, and nothing else of the kind.
        using var multiline = await admin.Http.PostAsJsonAsync("/api/spaces", new
        {
            slug = "lignes",
            name = "Lignes",
            template = "rural-tiers-lieu",
            description = "Line one\nLine two",
            owner = new { email = "owner@lignes.test", displayName = "Owner" },
        });
        await OperatorsClient.ExpectAsync(multiline, HttpStatusCode.Accepted);
    }

    [TestCase("la-ruche\n", "slug")]
    public async Task A_trailing_newline_does_not_pass_a_pattern(string slug, string field)
    {
        using var response = await admin.Http.PostAsJsonAsync("/api/spaces", new
        {
            slug,
            name = "Newline",
            template = "rural-tiers-lieu",
            currency = "EUR\n",
            owner = new { email = "owner@newline.test", displayName = "Owner" },
        });
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[] { field, "currency" }));
    }

    [Test]
    public async Task The_logo_is_uploaded_kept_by_the_platform_and_served_from_the_space_itself()
    {
        // Pointing visitors' browsers at another host is refused.
        using (var outside = await admin.Http.PutAsJsonAsync("/s/rempart/api/space/theme", new { accentColor = "#224466", logoUrl = "https://tracker.example/logo.png" }))
        {
            var problem = await OperatorsClient.ProblemAsync(outside, HttpStatusCode.BadRequest);
            Assert.That(problem["errors"]!["logoUrl"]![0]!.GetValue<string>(), Does.Contain("PUT /api/space/logo"));
        }

        await OperatorsClient.ProblemAsync(await PutLogoAsync(admin, "<svg onload=\"alert(1)\"/>"u8.ToArray(), "image/svg+xml"), HttpStatusCode.UnsupportedMediaType);
        var lying = await OperatorsClient.ProblemAsync(await PutLogoAsync(admin, "<svg onload=\"alert(1)\"/>"u8.ToArray(), "image/png"), HttpStatusCode.BadRequest);
        Assert.That(lying["errors"]!["body"], Is.Not.Null);
        await OperatorsClient.ProblemAsync(await PutLogoAsync(admin, [.. Png, .. new byte[300 * 1024]], "image/png"), HttpStatusCode.RequestEntityTooLarge);
        await OperatorsClient.ProblemAsync(await PutLogoAsync(anonymous, Png, "image/png"), HttpStatusCode.Unauthorized);
        using (var noLogo = await anonymous.Http.GetAsync(new Uri("/s/rempart/api/space/logo", UriKind.Relative)))
        {
            await OperatorsClient.ProblemAsync(noLogo, HttpStatusCode.NotFound);
        }

        await OperatorsClient.ExpectAsync(await PutLogoAsync(admin, Png, "image/png"), HttpStatusCode.NoContent);
        var address = (await anonymous.GetJsonAsync("/s/rempart/api/space"))["theme"]!["logoUrl"]!.GetValue<string>();
        Assert.That(address, Does.StartWith("/s/rempart/api/space/logo?v="));
        using (var logo = await anonymous.Http.GetAsync(new Uri(address, UriKind.Relative)))
        {
            await OperatorsClient.ExpectAsync(logo, HttpStatusCode.OK);
            var served = await logo.Content.ReadAsByteArrayAsync();
            Assert.Multiple(() =>
            {
                Assert.That(logo.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
                Assert.That(served, Is.EqualTo(Png));
                Assert.That(string.Join(",", logo.Headers.GetValues("Content-Security-Policy")), Does.Contain("sandbox"));
            });
        }

        var page = await anonymous.Http.GetStringAsync(new Uri("/s/rempart/", UriKind.Relative));
        Assert.That(page, Does.Contain("src=\"./api/space/logo?v="), "the intranet shows it from the space's own address");

        await OperatorsClient.ExpectAsync(await admin.Http.DeleteAsync(new Uri("/s/rempart/api/space/logo", UriKind.Relative)), HttpStatusCode.NoContent);
        Assert.That((await anonymous.GetJsonAsync("/s/rempart/api/space"))["theme"]!["logoUrl"], Is.Null);
    }

    private static async Task<HttpResponseMessage> PutLogoAsync(OperatorsClient client, byte[] content, string contentType)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.Http.PutAsync(new Uri("/s/rempart/api/space/logo", UriKind.Relative), body);
    }

    [Test]
    public async Task Every_gateway_route_documents_its_responses()
    {
        var document = await anonymous.GetJsonAsync("/openapi/gateway.json");
        var operations = document["paths"]!.AsObject()
            .SelectMany(p => p.Value!.AsObject().Select(o => (Route: $"{o.Key.ToUpperInvariant()} {p.Key}", Responses: o.Value!["responses"]?.AsObject())))
            .ToList();
        Assert.That(operations.Select(o => o.Route), Does.Contain("POST /auth/token").And.Contain("PUT /api/space/logo"));
        Assert.Multiple(() =>
        {
            foreach (var (route, responses) in operations)
            {
                Assert.That(responses?.Select(r => r.Key), Is.Not.Empty, route);
            }
        });
        var token = operations.Single(o => o.Route == "POST /auth/token").Responses!.Select(r => r.Key);
        Assert.That(token, Is.SupersetOf(new[] { "200", "400", "401", "403", "429" }));
    }
}
