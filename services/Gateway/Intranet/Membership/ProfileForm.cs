namespace Operators.Gateway.Intranet.Membership;

/// <summary>A member's billing details and directory profile, as the profile form (the member's or an operator's) posts them.</summary>
public sealed class ProfileForm
{
    public BillingForm Billing { get; set; } = new();

    public bool DirectoryOptIn { get; set; }

    public bool PresenceOptIn { get; set; }

    public string? Bio { get; set; }

    /// <summary>Comma-separated, as a person types them.</summary>
    public string? Skills { get; set; }

    public string? Offers { get; set; }

    public string? LooksFor { get; set; }

    /// <summary>One address per line.</summary>
    public string? Links { get; set; }

    public static ProfileForm From(MemberDocument member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return new()
        {
            Billing = BillingForm.From(member.Billing),
            DirectoryOptIn = member.DirectoryOptIn,
            PresenceOptIn = member.PresenceOptIn,
            Bio = member.Bio,
            Skills = string.Join(", ", member.Skills ?? []),
            Offers = member.Offers,
            LooksFor = member.LooksFor,
            Links = string.Join("\n", member.Links ?? []),
        };
    }

    /// <summary>The whole member document for <c>PUT /members/{id}</c>: what the form does not show (name, company) is sent back as it was.</summary>
    public object ToRequest(MemberDocument member, string? companyId)
    {
        ArgumentNullException.ThrowIfNull(member);
        return Body(member.DisplayName, companyId);
    }

    private object Body(string displayName, string? companyId) => new
    {
        displayName,
        companyId,
        billing = Billing.IsEmpty ? null : Billing.ToRequest(),
        directoryOptIn = DirectoryOptIn,
        presenceOptIn = PresenceOptIn,
        bio = Bio?.Trim() ?? "",
        skills = Split(Skills, ','),
        offers = Offers?.Trim() ?? "",
        looksFor = LooksFor?.Trim() ?? "",
        links = Split(Links, '\n'),
    };

    private static string[] Split(string? text, char separator) =>
        (text ?? "").Split(separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
