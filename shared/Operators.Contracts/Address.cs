namespace Operators.Contracts;

/// <summary>A postal address; <paramref name="Country"/> is ISO 3166 alpha-2 (<c>FR</c> by default).</summary>
public sealed record Address(string Line1, string? Line2, string PostalCode, string City, string Country = "FR");
