using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Contracts.Billing;
using Operators.Contracts.Membership;
using Operators.ServiceDefaults.Security;

namespace Operators.Billing.Tests;

/// <summary>
/// Billing's API through the service's own process on both providers; customers come from membership's events, as in
/// production. The tests are split by feature over the files of this partial class, which share one host.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Postgres")]
public sealed partial class BillingApiTests(string provider)
{
    private ServiceHost host = null!;

    private FakeStripe stripe = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        stripe = await FakeStripe.StartAsync();
        var configuration = new Dictionary<string, string>(NoSchedule) { ["Stripe:ApiBase"] = stripe.BaseAddress.ToString().TrimEnd('/') };
        host = await ServiceHost.StartAsync("Billing", provider, configuration, observe: s => s
            .Observe<InvoiceIssued>()
            .Observe<PaymentReceived>()
            .Observe<PaymentFailed>()
            .Observe<DayPassCheckoutOpened>());
    }

    /// <summary>The monthly schedule never fires here (it has its own test): runs start when a test asks.</summary>
    private static readonly Dictionary<string, string> NoSchedule = new() { ["Billing:RunScheduleCron"] = "0 0 31 2 *" };

    [OneTimeTearDown]
    public async Task Stop()
    {
        await host.DisposeAsync();
        await stripe.DisposeAsync();
    }

    private Task<Guid> SpaceAsync(string slug) => host.ProvisionSpaceAsync($"{slug}-{provider.ToLowerInvariant()}");

    private HttpClient Treasurer(Guid space) => host.Client(space, Guid.NewGuid(), SpaceRoles.Treasurer);

    private HttpClient Owner(Guid space) => host.Client(space, Guid.NewGuid(), SpaceRoles.Owner);

    private HttpClient Operator(Guid space) => host.Client(space, Guid.NewGuid(), SpaceRoles.Operator);

    private HttpClient As(Guid space, Guid person, params string[] roles) => host.Client(space, person, roles.Length == 0 ? [SpaceRoles.Member] : roles);

    /// <summary>A member customer, as membership announces one, there once billing consumed it.</summary>
    private async Task<Guid> MemberCustomerAsync(Guid space, string name, BillingDetails? billing = null, Guid? companyId = null)
    {
        var id = Guid.NewGuid();
        var email = $"{name.Replace(' ', '.').ToLowerInvariant()}-{id.ToString("N")[..6]}@example.test";
        await host.PublishAsync(space, new MemberBillingDetailsChanged(id, email, name, billing, companyId));
        await CustomerKnownAsync(space, id, name);
        return id;
    }

    /// <summary>A company customer, as membership announces one.</summary>
    private async Task<Guid> CompanyCustomerAsync(Guid space, string name, string siren = "732829320", string? vatNumber = "FR44732829320")
    {
        var id = Guid.NewGuid();
        await host.PublishAsync(space, new CompanyChanged(id, name, new BillingDetails(
            name + " SAS", new Contracts.Address("3 place du Marché", null, "69002", "Lyon", "FR"), true, siren, vatNumber, "compta@example.test")));
        await CustomerKnownAsync(space, id, name);
        return id;
    }

    private async Task CustomerKnownAsync(Guid space, Guid id, string name)
    {
        using var treasurer = Treasurer(space);
        await Eventually.MatchAsync(
            async () => (await GetArrayAsync(treasurer, "/api/billing/customers")).Any(c => c!["id"]!.GetValue<string>() == id.ToString()),
            known => known, TimeSpan.FromSeconds(30), $"{name} to become a customer");
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
