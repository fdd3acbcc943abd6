using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Operators.Testing.Booking;

namespace Operators.EndToEnd.Tests.Contract;

/// <summary>
/// One standalone host (every service's routes in one process) for the contract fixtures, with a real space
/// and a person who is its owner, operator and member, and one object of each kind the routes name.
/// </summary>
[SetUpFixture]
public sealed class ContractSite
{
    public const string Slug = "corpus";
    private const string Password = "Corpus-horse-9";

    private static StandaloneHost? host;

    public static StandaloneHost Host => host ?? throw new InvalidOperationException("The site is not started.");

    /// <summary>The signed-in person's authorization header.</summary>
    public static AuthenticationHeaderValue Authorization { get; private set; } = null!;

    /// <summary>Real ids, by the collection a path names them under (<c>resources</c>, <c>bookings</c>, …), and other real values by parameter name.</summary>
    public static IReadOnlyDictionary<string, string> Real { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        host = await StandaloneHost.StartAsync();
        using var admin = await host.AdminClientAsync();
        await admin.CreateSpaceAndWaitAsync(Slug);
        await admin.GrantAsync(Slug, $"everything@{Slug}.test", "owner", "operator", "member");
        var someone = (await admin.GrantAsync(Slug, $"someone@{Slug}.test", "member"))["id"]!.GetValue<string>();
        var (person, _) = await OperatorsClient.ClaimInvitationAsync(host.Process.BaseAddress, host.MailFolder, $"everything@{Slug}.test", Password);
        using (person)
        {
            Authorization = person.Http.DefaultRequestHeaders.Authorization!;
            var day = BookingApi.Weekday(5);
            var iso = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var pool = await CreateAsync(person, "resources", new { name = "Open space", kind = "desk-pool", capacity = 5, pricePerDay = 12m });
            var room = await CreateAsync(person, "resources", new { name = "Salle", kind = "room", capacity = 6, pricePerHour = 20m });
            var calendar = new Uri((await person.GetJsonAsync($"/s/{Slug}/api/booking/calendar"))["url"]!.GetValue<string>());
            Real = new Dictionary<string, string>
            {
                ["resources"] = pool,
                ["room"] = room,
                ["bookings"] = await CreateAsync(person, "bookings", new { resourceId = pool, date = iso }),
                ["events"] = await CreateAsync(person, "events", new { title = "Apéro", start = BookingApi.Paris(day, 18), end = BookingApi.Paris(day, 19), capacity = 10 }),
                ["day-passes"] = await CreateAsync(person, "day-passes", new { date = iso, guest = new { name = "Jo" }, paidWith = "cash" }),
                ["calendar"] = calendar.Segments[^1],
                ["people"] = someone,
                ["spaces"] = Slug,
                ["role"] = "member",
                ["day"] = iso,
            };
        }
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    private static async Task<string> CreateAsync(OperatorsClient client, string collection, object body)
    {
        using var response = await client.Http.PostAsJsonAsync($"/s/{Slug}/api/booking/{collection}", body);
        await OperatorsClient.ExpectAsync(response, System.Net.HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }
}
