using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Operators.Standalone.Demo;

/// <summary>
/// The demo's billing, as the treasurer of La Grange Numérique would have it: the association's identity as a seller,
/// this month's invoices to members and to the web agency, a partial credit note, payments (one in full, one in
/// part), and a draft waiting to be issued. Everything goes through billing's public API, signed in as the treasurer.
/// Each step looks before it writes, so a seeding interrupted halfway and run again adds nothing twice.
/// </summary>
/// <remarks>
/// The association is under the VAT franchise of art. 293 B (as membership's plans already say, at 0 % VAT): it is
/// what a small rural tiers-lieu usually is, and it shows the franchise mention on every document. A richer VAT
/// breakdown is the billing service's own tests' business, not the demo's.
/// </remarks>
internal static class DemoBilling
{
    private const string Agency = "Pixels & Prés";

    private static readonly object Settings = new
    {
        legalName = "La Grange Numérique",
        legalForm = "Association loi 1901",
        address = new { line1 = "2 route de Vabres", postalCode = "12400", city = "Saint-Affrique", country = "FR" },
        siren = "841234560",
        siret = "84123456000016",
        electronicAddress = "841234560",
        email = "tresorerie@grange-numerique.example",
        vatRegime = "franchise-293B",
        vatOnDebits = false,
        paymentTermsDays = 15,
        latePenaltyRate = 12m,
        iban = "FR7610278022000002011234517",
        bic = "CMCIFR2A",
        invoicePrefix = "F",
        creditNotePrefix = "AV",
        language = "fr",
    };

    /// <summary>Seeds as the treasurer signed in on <paramref name="http"/>; waits for billing to know the customers membership told it of.</summary>
    public static async Task SeedAsync(HttpClient http, string slug, DateOnly today, CancellationToken ct)
    {
        var api = $"/s/{slug}/api/billing";
        var settings = (JsonObject)await ReadAsync(await http.GetAsync(new Uri($"{api}/settings", UriKind.Relative), ct), ct);
        if (settings["legalName"]?.GetValue<string>() is not { Length: > 0 })
        {
            // The whole document, as a PUT wants it: what billing holds (its defaults) with the association's identity over it.
            foreach (var (name, value) in ToJson(Settings))
            {
                settings[name] = value?.DeepClone();
            }

            settings.Remove("stripe");
            await ReadAsync(await http.PutAsJsonAsync($"{api}/settings", settings, ct), ct);
        }

        if (Items(await ReadAsync(await http.GetAsync(new Uri($"{api}/invoices", UriKind.Relative), ct), ct)).Count > 0)
        {
            return;
        }

        var month = today.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
        var period = new { from = new DateOnly(today.Year, today.Month, 1), to = new DateOnly(today.Year, today.Month, 1).AddMonths(1).AddDays(-1) };
        var mathis = await CustomerAsync(http, api, c => c["email"]?.GetValue<string>() == "member@demo.test", ct);
        var camille = await CustomerAsync(http, api, c => c["email"]?.GetValue<string>() == "camille@demo.test", ct);
        var lea = await CustomerAsync(http, api, c => c["email"]?.GetValue<string>() == "lea@demo.test", ct);
        var agency = await CustomerAsync(http, api, c => c["kind"]?.GetValue<string>() == "company" && (c["displayName"]?.GetValue<string>() ?? "").StartsWith(Agency, StringComparison.Ordinal), ct);

        // Mathis: his plan and two hours of the meeting room beyond his allowance, paid by transfer.
        var first = await IssueAsync(http, api, mathis, period, ct, Line($"Formule Nomade — {month}", 1m, 60m), Line("Salle du Lavoir au-delà du forfait (heures)", 2m, 25m, "HUR"));
        await PayAsync(http, api, first, 110m, "bank-transfer", "VIR DURAND " + today.ToString("yyyyMM", CultureInfo.InvariantCulture), ct);

        // Camille: the resident's desk, paid in part by cheque so far.
        var second = await IssueAsync(http, api, camille, period, ct, Line($"Formule Résident — {month}", 1m, 180m));
        await PayAsync(http, api, second, 100m, "cheque", "Chèque n° 0001234", ct);

        // The agency: three seats on one invoice to the company; Jules started mid-month, so half a seat is credited.
        var third = await IssueAsync(http, api, agency, period, ct, Line($"Formule Entreprise — {month} (Hugo, Inès, Jules)", 3m, 140m));
        await ReadAsync(await http.PostAsJsonAsync($"{api}/invoices/{third}/credit-notes", new
        {
            lines = new[] { Line("Formule Entreprise — arrivée de Jules à mi-mois", 1m, 70m) },
            reason = "Arrivée en cours de mois",
        }, ct), ct);

        // Léa: issued, not paid yet.
        await IssueAsync(http, api, lea, period, ct, Line($"Formule Nomade — {month}", 1m, 60m));

        // Léa again: the room she hired for her cooperative's meeting, which the treasurer has yet to issue.
        await ReadAsync(await http.PostAsJsonAsync($"{api}/invoices", new
        {
            customerId = lea,
            lines = new[] { Line("Salle de la Grange, réunion de la coopérative (heures)", 3m, 35m, "HUR") },
        }, ct), ct);
    }

    private static object Line(string description, decimal quantity, decimal unitPrice, string unit = "C62") =>
        new { description, quantity, unitPrice = new { amount = unitPrice, currency = "EUR" }, vatRate = 0m, unit };

    /// <summary>Creates a draft and issues it; answers its id.</summary>
    private static async Task<string> IssueAsync(HttpClient http, string api, string customerId, object period, CancellationToken ct, params object[] lines)
    {
        var draft = await ReadAsync(await http.PostAsJsonAsync($"{api}/invoices", new { customerId, lines, servicePeriod = period }, ct), ct);
        var id = draft["id"]!.GetValue<string>();
        await ReadAsync(await http.PostAsJsonAsync($"{api}/invoices/{id}/issue", new { }, ct), ct);
        return id;
    }

    private static async Task PayAsync(HttpClient http, string api, string invoiceId, decimal amount, string method, string reference, CancellationToken ct) =>
        await ReadAsync(await http.PostAsJsonAsync($"{api}/invoices/{invoiceId}/payments", new
        {
            amount = new { amount, currency = "EUR" },
            method,
            reference,
        }, ct), ct);

    /// <summary>
    /// A customer's id, once billing knows them from membership's events with their billing address (issuing copies it).
    /// </summary>
    private static async Task<string> CustomerAsync(HttpClient http, string api, Func<JsonNode, bool> match, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            var customers = Items(await ReadAsync(await http.GetAsync(new Uri($"{api}/customers", UriKind.Relative), ct), ct));
            if (customers.FirstOrDefault(c => c is not null && match(c)) is { } found && found["billing"]?["address"] is JsonObject)
            {
                return found["id"]!.GetValue<string>();
            }

            await Task.Delay(500, ct);
        }

        throw new TimeoutException("Billing did not learn of a demo customer (from membership's events) within a minute.");
    }

    private static JsonObject ToJson(object value) => System.Text.Json.JsonSerializer.SerializeToNode(value)!.AsObject();

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
}
