using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using NUnit.Framework;

namespace Operators.Testing;

/// <summary>A client of the public API as API.md describes it, for tests written like a user's script.</summary>
public sealed class OperatorsClient(Uri baseAddress) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public async Task SignInAsync(string email, string password)
    {
        using var response = await Http.PostAsJsonAsync("/auth/token", new { email, password });
        await ExpectAsync(response, HttpStatusCode.OK);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    public async Task<HttpResponseMessage> CreateSpaceAsync(string slug, string template = "rural-tiers-lieu", string? name = null) =>
        await Http.PostAsJsonAsync("/api/spaces", new
        {
            slug,
            name = name ?? "Space " + slug,
            template,
            owner = new { email = $"owner@{slug}.test", displayName = "Owner of " + slug },
        });

    /// <summary>Grants roles in a space by email (<c>POST {S}/api/space/people</c>); returns the person.</summary>
    public async Task<JsonObject> GrantAsync(string slug, string email, params string[] roles)
    {
        using var response = await Http.PostAsJsonAsync($"/s/{slug}/api/space/people", new { email, displayName = email.Split('@')[0], roles });
        await ExpectAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// Claims an invited account the way its person does: the invitation's link from the mailbox, a password,
    /// then sign-in. Returns the signed-in client and the link followed.
    /// </summary>
    public static async Task<(OperatorsClient Client, EmailLink Link)> ClaimInvitationAsync(Uri gateway, string mailFolder, string email, string password)
    {
        var link = await Mailbox.LinkAsync(mailFolder, email, "account/claim");
        var client = new OperatorsClient(gateway);
        using (var claimed = await client.Http.PostAsJsonAsync("/auth/claim", new { userId = link.UserId, code = link.Code, password }))
        {
            await ExpectAsync(claimed, HttpStatusCode.NoContent);
        }

        await client.SignInAsync(email, password);
        return (client, link);
    }

    public async Task<JsonObject> GetJsonAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        await ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>GET of any JSON document (an array, say), expecting 200.</summary>
    public async Task<JsonNode> GetNodeAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        await ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonNode>())!;
    }

    /// <summary>Creates a space and waits until provisioning ends; returns its final status document.</summary>
    public async Task<JsonObject> CreateSpaceAndWaitAsync(string slug, string template = "rural-tiers-lieu", TimeSpan? timeout = null)
    {
        using (var created = await CreateSpaceAsync(slug, template))
        {
            await ExpectAsync(created, HttpStatusCode.Accepted);
        }

        return await WaitForProvisioningAsync(slug, timeout ?? TimeSpan.FromSeconds(60));
    }

    public Task<JsonObject> WaitForProvisioningAsync(string slug, TimeSpan timeout) =>
        Eventually.MatchAsync(
            () => GetJsonAsync($"/api/spaces/{slug}"),
            s => s["status"]!.GetValue<string>() != "provisioning",
            timeout,
            $"space {slug} to finish provisioning");

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            var body = await response.Content.ReadAsStringAsync();
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}");
        }
    }

    /// <summary>Reads a problem document, checking it is one.</summary>
    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        await ExpectAsync(response, expected);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.That(problem["status"]!.GetValue<int>(), Is.EqualTo((int)expected));
        return problem;
    }

    public void Dispose() => Http.Dispose();
}
