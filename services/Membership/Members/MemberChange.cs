namespace Operators.Membership.Members;

/// <summary>What a full-document edit changed: what booking shows (profile), what billing invoices (billing), anything at all.</summary>
internal readonly record struct MemberChange(bool Profile, bool Billing, bool Any)
{
    /// <summary>Copies a validated request onto the member and tells what moved.</summary>
    public static MemberChange Apply(Member member, MemberRequest request)
    {
        var name = request.DisplayName!.Trim();
        var profile = name != member.DisplayName
            || request.DirectoryOptIn != member.DirectoryOptIn
            || request.PresenceOptIn != member.PresenceOptIn;
        var billingIdentity = request.Billing?.ToIdentity(businessByDefault: false);
        // The name changes what billing shows when the member has no billing identity of their own.
        var billing = !Equals(BillingResponse.From(billingIdentity), BillingResponse.From(member.Billing))
            || request.CompanyId != member.CompanyId
            || name != member.DisplayName;
        var skills = Distinct(request.Skills!);
        var links = request.Links!.Select(l => l.Trim()).ToList();
        var rest = request.Bio!.Trim() != member.Bio || request.Offers!.Trim() != member.Offers || request.LooksFor!.Trim() != member.LooksFor
            || !skills.SequenceEqual(member.Skills, StringComparer.Ordinal) || !links.SequenceEqual(member.Links, StringComparer.Ordinal);

        member.DisplayName = name;
        member.DirectoryOptIn = request.DirectoryOptIn!.Value;
        member.PresenceOptIn = request.PresenceOptIn!.Value;
        member.CompanyId = request.CompanyId;
        if (billingIdentity is null)
        {
            member.Billing = null;
        }
        else if (member.Billing is null)
        {
            member.Billing = billingIdentity;
        }
        else
        {
            CopyTo(billingIdentity, member.Billing);
        }

        member.Bio = request.Bio.Trim();
        member.Offers = request.Offers!.Trim();
        member.LooksFor = request.LooksFor!.Trim();
        member.Skills = skills;
        member.Links = links;
        return new MemberChange(profile, billing, profile || billing || rest);
    }

    /// <summary>Into the tracked instance: EF keeps an owned identity's row when its values change, not when it is swapped.</summary>
    public static void CopyTo(BillingIdentity from, BillingIdentity to)
    {
        to.Name = from.Name;
        to.Line1 = from.Line1;
        to.Line2 = from.Line2;
        to.PostalCode = from.PostalCode;
        to.City = from.City;
        to.Country = from.Country;
        to.IsBusiness = from.IsBusiness;
        to.Siren = from.Siren;
        to.VatNumber = from.VatNumber;
    }

    /// <summary>Trimmed, the first spelling of each skill kept when others differ only by case.</summary>
    private static List<string> Distinct(IEnumerable<string> skills) =>
        skills.Select(s => s.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
