using Operators.Gateway.Intranet.Components;

namespace Operators.Gateway.Intranet.Membership;

/// <summary>What the membership pages share: lists read whatever their envelope, subscription words, and refusals in the reader's language.</summary>
public abstract class MembershipPage : ServiceFormPage
{
    /// <summary>The form labels of the API's field names (the last segment of an error's key, lower case).</summary>
    private static readonly Dictionary<string, string> Labels = new(StringComparer.OrdinalIgnoreCase)
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

    protected override IReadOnlyDictionary<string, string> FieldLabels => Labels;

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
