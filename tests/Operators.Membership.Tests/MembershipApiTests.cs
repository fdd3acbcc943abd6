using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Membership;
using Operators.Contracts.People;
using Operators.ServiceDefaults.Security;

namespace Operators.Membership.Tests;

/// <summary>
/// Members, companies, the directory and the person's data rights, through the service's own process on both
/// providers; members come from the gateway's <c>PersonJoinedSpace</c>, as in production. The tests are split by
/// feature over the files of this partial class, which share one host.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed partial class MembershipApiTests(string provider)
{
    private ServiceHost host = null!;

    [OneTimeSetUp]
    public async Task Start() => host = await ServiceHost.StartAsync("Membership", provider, observe: s => s
        .Observe<MemberProfileChanged>()
        .Observe<MemberBillingDetailsChanged>()
        .Observe<CompanyChanged>()
        .Observe<MemberErased>()
        .Observe<MembershipEnded>());

    [OneTimeTearDown]
    public async Task Stop() => await host.DisposeAsync();

    private Task<Guid> SpaceAsync(string slug) => host.ProvisionSpaceAsync($"{slug}-{provider.ToLowerInvariant()}");

    private HttpClient Operator(Guid space) => host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);

    private HttpClient Owner(Guid space) => host.Client(space, Guid.NewGuid(), SpaceRoles.Owner);

    private HttpClient As(Guid space, Guid person, params string[] roles) => host.Client(space, person, roles.Length == 0 ? [SpaceRoles.Member] : roles);

    /// <summary>A person joins the space as a member (the gateway's event) and is there once membership consumed it.</summary>
    private async Task<Guid> JoinAsync(Guid space, string name, string? email = null)
    {
        var id = Guid.NewGuid();
        email ??= $"{name.Replace(' ', '.').ToLowerInvariant()}-{id.ToString("N")[..6]}@example.test";
        await host.PublishAsync(space, new PersonJoinedSpace(id, email, name, [SpaceRoles.Member], Invited: true));
        using var op = Operator(space);
        await Eventually.MatchAsync(
            async () => (await op.GetAsync(new Uri($"/api/membership/members/{id}", UriKind.Relative))).StatusCode,
            s => s == HttpStatusCode.OK, TimeSpan.FromSeconds(30), $"{name} to become a member");
        return id;
    }

    private static async Task<JsonObject> GetJsonAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<JsonArray> GetArrayAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await OperatorsClient.ExpectAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonArray>())!;
    }

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string path, JsonNode body) =>
        client.PutAsJsonAsync(path, body);

    /// <summary>The member's document as GET gives it, changed by <paramref name="change"/>: what a form sends back.</summary>
    private static async Task<JsonObject> DocumentAsync(HttpClient client, Guid id, Action<JsonObject>? change = null)
    {
        var document = await GetJsonAsync(client, $"/api/membership/members/{id}");
        change?.Invoke(document);
        return document;
    }

    private static JsonObject Billing(string? siren = null, string? vatNumber = null, bool isBusiness = false, string country = "FR", string postalCode = "75011") => new()
    {
        ["name"] = "Atelier Lumière",
        ["address"] = new JsonObject { ["line1"] = "12 rue Oberkampf", ["postalCode"] = postalCode, ["city"] = "Paris", ["country"] = country },
        ["isBusiness"] = isBusiness,
        ["siren"] = siren,
        ["vatNumber"] = vatNumber,
    };

    /// <summary>The errors of a 400 problem document, by field.</summary>
    private static async Task<JsonObject> ErrorsAsync(HttpResponseMessage response)
    {
        var problem = await OperatorsClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        return problem["errors"]!.AsObject();
    }

    private IReadOnlyList<T> Published<T>(Func<T, bool> which) =>
        host.Published.Select(p => p.Message).OfType<T>().Where(which).ToList();

    private Task<IReadOnlyList<T>> PublishedAsync<T>(Func<T, bool> which, int count, string what) =>
        Eventually.MatchAsync(() => Task.FromResult(Published(which)), l => l.Count >= count, TimeSpan.FromSeconds(30), what);
}
