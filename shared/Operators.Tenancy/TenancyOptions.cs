namespace Operators.Tenancy;

/// <summary>Configuration section <c>Tenancy</c>.</summary>
public sealed class TenancyOptions
{
    /// <summary>When set (e.g. <c>operators.example</c>), <c>{slug}.operators.example</c> addresses a space.</summary>
    public string? BaseDomain { get; set; }

    /// <summary>How long a resolved space is kept in memory.</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);
}
