using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Operators.Standalone.Demo;

/// <summary>
/// The demo's membership, as JOURNEYS.md tells it: La Grange Numérique's three plans (the association is under the VAT
/// franchise of art. 293 B, so no VAT), the web agency of three billed as a business, members with billing details and
/// directory profiles, and their subscriptions. Each step looks before it writes, so a seeding interrupted halfway
/// and run again at the next start adds nothing twice.
/// </summary>
internal static class DemoMembership
{
    private const string Agency = "Pixels & Prés";

    private static readonly DemoPlan[] Plans =
    [
        new("Nomade", "8 jours par mois en open space, 2 heures de salle.", 60m, CommitmentMonths: 0, DeskDays: 8, RoomHours: 2m),
        new("Résident", "Un bureau fixe, tous les jours, 4 heures de salle.", 180m, CommitmentMonths: 3, DeskDays: 31, RoomHours: 4m),
        new("Entreprise", "Un poste par salarié·e, une seule facture pour l'entreprise.", 140m, CommitmentMonths: 6, DeskDays: 20, RoomHours: 6m),
    ];

    /// <summary>Who is on which plan; the agency's people are attached to it first, so their seats are billed to it.</summary>
    private static readonly (string Email, string Plan, int StartedDaysAgo, bool Agency)[] Subscriptions =
    [
        ("member@demo.test", "Nomade", 10, false),
        ("lea@demo.test", "Nomade", 3, false),
        ("camille@demo.test", "Résident", 20, false),
        ("hugo@demo.test", "Entreprise", 5, true),
        ("ines@demo.test", "Entreprise", 5, true),
        ("jules@demo.test", "Entreprise", 5, true),
    ];

    private static readonly Dictionary<string, Profile> Profiles = new(StringComparer.Ordinal)
    {
        ["member@demo.test"] = new(
            Billing("Mathis Durand", "4 chemin des Crêtes", "12400", "Saint-Affrique"), Listed: false,
            "Traducteur indépendant, anglais et espagnol.", ["traduction", "rédaction"], "Relecture de vos textes", "Un club de course à pied", []),
        ["camille@demo.test"] = new(
            Billing("Camille Leroy", "12 rue du Pont-Vieux", "12400", "Saint-Affrique"), Listed: true,
            "Graphiste et illustratrice, je fais des affiches pour les associations du coin.", ["graphisme", "illustration", "mise en page"],
            "Un coup d'œil sur vos supports", "Une imprimerie proche", ["https://camille-leroy.example"]),
        ["lea@demo.test"] = new(
            Billing("Léa Moreau", "Lieu-dit La Borie", "12400", "Vabres-l'Abbaye"), Listed: true,
            "Développeuse web, je télétravaille pour une coopérative.", ["développement web", "accessibilité"],
            "De l'aide sur WordPress", "Quelqu'un pour covoiturer le jeudi", []),
        ["hugo@demo.test"] = new(null, Listed: true, "Co-fondateur de l'agence, côté code.", ["développement web", "hébergement"], "", "", ["https://pixels-et-pres.example"]),
        ["ines@demo.test"] = new(null, Listed: true, "Designer UX à l'agence.", ["design", "ux"], "Des tests utilisateurs", "", []),
        ["jules@demo.test"] = new(null, Listed: false, "", [], "", "", []),
    };

    /// <summary>
    /// Seeds as the operator signed in on <paramref name="http"/>, then as each member for what only a member may
    /// decide (their profile and its two opt-ins), and leaves <paramref name="http"/> signed in as the operator again.
    /// </summary>
    public static async Task SeedAsync(
        HttpClient http, string slug, IReadOnlyDictionary<string, string> people, DateOnly today, Func<string, Task> signInAs, string operatorEmail, CancellationToken ct)
    {
        var api = $"/s/{slug}/api/membership";
        var plans = await PlansAsync(http, api, ct);
        var agency = await AgencyAsync(http, api, ct);

        // Attaching to a company is the operators' to do, and comes before the seats so that the company pays for them.
        foreach (var (email, _, _, _) in Subscriptions.Where(s => s.Agency))
        {
            var member = await MemberAsync(http, $"{api}/members/{people[email]}", ct);
            if (member["companyId"]?.GetValue<string>() != agency)
            {
                member["companyId"] = agency;
                await ReadAsync(await http.PutAsJsonAsync($"{api}/members/{people[email]}", member, ct), ct);
            }
        }

        foreach (var (email, plan, daysAgo, _) in Subscriptions)
        {
            var id = people[email];
            await MemberAsync(http, $"{api}/members/{id}", ct);
            var current = await ReadAsync(await http.GetAsync(new Uri($"{api}/subscriptions?memberId={id}", UriKind.Relative), ct), ct);
            if (Items(current).Any(s => s?["status"]?.GetValue<string>() != "ended"))
            {
                continue;
            }

            await ReadAsync(await http.PostAsJsonAsync($"{api}/subscriptions", new
            {
                memberId = id,
                planId = plans[plan],
                start = today.AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            }, ct), ct);
        }

        // Profiles and opt-ins are each member's own decision: they give them, signed in.
        foreach (var (email, profile) in Profiles)
        {
            await signInAs(email);
            var member = await MemberAsync(http, $"{api}/members/me", ct);
            await ReadAsync(await http.PutAsJsonAsync($"{api}/members/me", new
            {
                displayName = member["displayName"]!.GetValue<string>(),
                companyId = member["companyId"]?.GetValue<string>(),
                billing = profile.Billing ?? member["billing"],
                directoryOptIn = profile.Listed,
                presenceOptIn = profile.Listed,
                bio = profile.Bio,
                skills = profile.Skills,
                offers = profile.Offers,
                looksFor = profile.LooksFor,
                links = profile.Links,
            }, ct), ct);
        }

        await signInAs(operatorEmail);
    }

    private static async Task<Dictionary<string, string>> PlansAsync(HttpClient http, string api, CancellationToken ct)
    {
        var existing = Items(await ReadAsync(await http.GetAsync(new Uri($"{api}/plans?all=true", UriKind.Relative), ct), ct))
            .ToDictionary(p => p!["name"]!.GetValue<string>(), p => p!["id"]!.GetValue<string>());
        foreach (var plan in Plans.Where(p => !existing.ContainsKey(p.Name)))
        {
            // The association is under the VAT franchise (art. 293 B): its plans carry no VAT.
            existing[plan.Name] = (await ReadAsync(await http.PostAsJsonAsync($"{api}/plans", new
            {
                name = plan.Name,
                description = plan.Description,
                monthlyPrice = plan.MonthlyPrice,
                vatRate = 0m,
                commitmentMonths = plan.CommitmentMonths,
                allowances = new { deskDays = plan.DeskDays, roomHours = plan.RoomHours },
                active = true,
            }, ct), ct))["id"]!.GetValue<string>();
        }

        return existing;
    }

    private static async Task<string> AgencyAsync(HttpClient http, string api, CancellationToken ct)
    {
        var companies = Items(await ReadAsync(await http.GetAsync(new Uri($"{api}/companies", UriKind.Relative), ct), ct));
        if (companies.FirstOrDefault(c => c?["name"]?.GetValue<string>() == Agency) is { } found)
        {
            return found["id"]!.GetValue<string>();
        }

        return (await ReadAsync(await http.PostAsJsonAsync($"{api}/companies", new
        {
            name = Agency,
            email = "compta@pixels-et-pres.example",
            billing = new
            {
                name = "Pixels & Prés SARL",
                address = new { line1 = "3 place de la Mairie", postalCode = "12400", city = "Saint-Affrique", country = "FR" },
                isBusiness = true,
                siren = "812345676",
                vatNumber = "FR19812345676",
            },
        }, ct), ct))["id"]!.GetValue<string>();
    }

    /// <summary>The member as membership knows them: it learns of a member role from the gateway's event, a moment after the grant.</summary>
    private static async Task<JsonObject> MemberAsync(HttpClient http, string path, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), ct);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                return (JsonObject)await ReadAsync(response, ct);
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException($"Membership did not learn of the member at {path} within a minute.");
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
            }

            return body.Length == 0 ? new JsonObject() : JsonNode.Parse(body) ?? new JsonObject();
        }
    }

    /// <summary>A list's items, whether the service answers a bare array or an envelope with <c>items</c>.</summary>
    private static List<JsonNode?> Items(JsonNode? list) => list switch
    {
        JsonArray array => [.. array],
        JsonObject o when o["items"] is JsonArray items => [.. items],
        _ => [],
    };

    private static object Billing(string name, string line1, string postalCode, string city) =>
        new { name, address = new { line1, postalCode, city, country = "FR" }, isBusiness = false };

    private sealed record DemoPlan(string Name, string Description, decimal MonthlyPrice, int CommitmentMonths, int DeskDays, decimal RoomHours);

    private sealed record Profile(object? Billing, bool Listed, string Bio, string[] Skills, string Offers, string LooksFor, string[] Links);
}
