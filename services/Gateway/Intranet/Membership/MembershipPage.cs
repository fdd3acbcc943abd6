using System.Text.Json;
using System.Text.Json.Nodes;
using Operators.Gateway.Intranet.Components;

namespace Operators.Gateway.Intranet.Membership;

/// <summary>What the membership pages share: lists read whatever their envelope, subscription words, and refusals in the reader's language.</summary>
public abstract class MembershipPage : IntranetPage
{
    /// <summary>The form labels of the API's field names (the last segment of an error's key, lower case).</summary>
    private static readonly Dictionary<string, string> FieldLabels = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "Name",
        ["description"] = "Description",
        ["monthlyprice"] = "Monthly price excluding VAT",
        ["amount"] = "Amount",
        ["currency"] = "Currency",
        ["vatrate"] = "VAT rate (%)",
        ["setupfee"] = "Setup fee",
        ["commitmentmonths"] = "Minimum commitment (months)",
        ["deskdays"] = "Desk days per period",
        ["roomhours"] = "Meeting room hours per period",
        ["days"] = "Days of access",
        ["from"] = "Access from",
        ["to"] = "Access until",
        ["line1"] = "Address",
        ["line2"] = "Address (continued)",
        ["postalcode"] = "Postal code",
        ["city"] = "City",
        ["country"] = "Country (two letters)",
        ["siren"] = "SIREN",
        ["vatnumber"] = "VAT number",
        ["isbusiness"] = "Billed as a business",
        ["billing"] = "Billing details",
        ["bio"] = "About me",
        ["skills"] = "Skills (separated by commas)",
        ["offers"] = "I offer",
        ["looksfor"] = "I am looking for",
        ["links"] = "Links (one per line)",
        ["email"] = "Email",
        ["start"] = "Start date",
        ["planid"] = "Plan",
        ["memberid"] = "Member",
        ["companyid"] = "Company",
        ["at"] = "When",
    };

    /// <summary>
    /// A list route's items, whether the service answers a bare array or an envelope (<c>{items: [...]}</c>); on failure,
    /// an empty list and the refusal in <paramref name="failure"/>.
    /// </summary>
    protected async Task<(List<T> Items, ApiResult<JsonNode>? Failure)> ListAsync<T>(string path)
    {
        var result = await Api.GetAsync<JsonNode>(path);
        if (!result.Ok)
        {
            return ([], result);
        }

        var array = result.Value switch
        {
            JsonArray a => a,
            JsonObject o when o["items"] is JsonArray items => items,
            _ => null,
        };
        return (array?.Deserialize<List<T>>(IntranetApi.Json) ?? [], null);
    }

    /// <summary>A refused change in plain words: the lead, then each field named as the form labels it, in the reader's language.</summary>
    protected (string Text, IReadOnlyList<string>? Details) Problem<T>(ApiResult<T> result, string? conflict = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var (lead, details) = Explain(result);
        if (result.Errors is { Count: > 0 } errors)
        {
            return (lead, errors.SelectMany(e => e.Value.Select(m => $"{FieldLabel(e.Key)} : {FieldMessage(m)}")).Distinct().ToList());
        }

        if ((int)result.Status == StatusCodes.Status409Conflict)
        {
            var said = new List<string>();
            if (conflict is not null)
            {
                said.Add(conflict);
            }

            // The service's own sentence is English: shown as it is to English readers only.
            if (Session.Language == "en" && !string.IsNullOrEmpty(result.Detail))
            {
                said.Add(result.Detail);
            }

            return (lead, said);
        }

        return (lead, Session.Language == "en" ? details : null);
    }

    private string FieldLabel(string key)
    {
        var last = key.Split('.').Last();
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        last = bracket >= 0 ? last[..bracket] : last;
        return FieldLabels.TryGetValue(last, out var label) ? L(label) : key;
    }

    private string FieldMessage(string message)
    {
        var translated = L(message);
        if (!ReferenceEquals(translated, message) || Session.Language == "en")
        {
            return translated;
        }

        return message.Contains("empty", StringComparison.OrdinalIgnoreCase) || message.Contains("required", StringComparison.OrdinalIgnoreCase)
            ? L("to be filled in.")
            : L("to be corrected.");
    }

    /// <summary>A subscription's status in the reader's words.</summary>
    protected string StatusName(string status) => status switch
    {
        "active" => L("Active"),
        "paused" => L("Paused"),
        "cancelling" => L("Ending at the period's end"),
        "ended" => L("Ended"),
        _ => status,
    };

    /// <summary>A number of days or hours without useless decimals (8, 2.5).</summary>
    protected string Amount(decimal value) => value.ToString("0.##", Session.Culture);

    protected string PlanPrice(PlanDocument plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return Session.Format("{0} a month", Session.Money(plan.MonthlyPrice.Amount, plan.MonthlyPrice.Currency));
    }

    /// <summary>What a plan includes, in a sentence: its allowances, its access, its commitment.</summary>
    protected string PlanTerms(PlanAllowancesDocument? allowances, int? commitmentMonths = null)
    {
        var parts = new List<string>
        {
            Session.Format("{0} desk day(s)", Amount(allowances?.DeskDays ?? 0)),
            Session.Format("{0} meeting room hour(s)", Amount(allowances?.RoomHours ?? 0)),
        };
        if (commitmentMonths is > 0)
        {
            parts.Add(Session.Format("{0} month(s) minimum", commitmentMonths));
        }

        return string.Join(", ", parts);
    }

    protected string DayName(string day) => day switch
    {
        "monday" => L("Monday"),
        "tuesday" => L("Tuesday"),
        "wednesday" => L("Wednesday"),
        "thursday" => L("Thursday"),
        "friday" => L("Friday"),
        "saturday" => L("Saturday"),
        "sunday" => L("Sunday"),
        _ => day,
    };

    protected string? AccessText(PlanAccessDocument? access)
    {
        if (access is null)
        {
            return null;
        }

        var days = access.Days is { Count: > 0 and < 7 } some ? string.Join(", ", some.Select(DayName)) : L("Every day");
        return access.From is { Length: > 0 } from && access.To is { Length: > 0 } to ? Session.Format("{0}, {1}–{2}", days, from, to) : days;
    }
}
