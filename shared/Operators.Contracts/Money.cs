namespace Operators.Contracts;

/// <summary>An amount in a currency; amounts are rounded half away from zero to the cent.</summary>
public sealed record Money(decimal Amount, string Currency)
{
    public static Money Zero(string currency) => new(0m, currency);

    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
