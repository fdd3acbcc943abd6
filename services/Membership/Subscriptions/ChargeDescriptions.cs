using System.Globalization;
using Operators.Contracts.Membership;

namespace Operators.Membership.Subscriptions;

/// <summary>
/// A charge's line as the customer reads it on the invoice, in the space's language (French unless the space speaks
/// English): "Abonnement Nomade — du 31/01/2027 au 27/02/2027", the last day shown inclusive.
/// </summary>
public static class ChargeDescriptions
{
    public static string Describe(ChargeLine line, string locale)
    {
        ArgumentNullException.ThrowIfNull(line);
        var english = locale.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        var culture = english ? CultureInfo.GetCultureInfo("en-GB") : CultureInfo.GetCultureInfo("fr-FR");
        var from = line.Span.Start.ToString("d", culture);
        var to = line.Span.LastDay.ToString("d", culture);
        var plan = line.Terms.PlanName;
        return (line.Kind, english) switch
        {
            (MembershipChargeKinds.Period, false) => $"Abonnement {plan} — du {from} au {to}",
            (MembershipChargeKinds.Period, true) => $"{plan} membership — {from} to {to}",
            (MembershipChargeKinds.SetupFee, false) => $"Frais d'inscription {plan}",
            (MembershipChargeKinds.SetupFee, true) => $"{plan} setup fee",
            (MembershipChargeKinds.ProrationCredit, false) => $"Avoir {plan} — jours non utilisés du {from} au {to}",
            (MembershipChargeKinds.ProrationCredit, true) => $"{plan} credit — unused days {from} to {to}",
            (MembershipChargeKinds.ProrationCharge, false) => $"Abonnement {plan} (changement de formule) — du {from} au {to}",
            (MembershipChargeKinds.ProrationCharge, true) => $"{plan} membership (plan change) — {from} to {to}",
            (MembershipChargeKinds.Commitment, false) => $"Engagement {plan} — du {from} au {to}",
            (MembershipChargeKinds.Commitment, true) => $"{plan} commitment — {from} to {to}",
            _ => throw new ArgumentOutOfRangeException(nameof(line), line.Kind, "Unknown charge kind."),
        };
    }
}
