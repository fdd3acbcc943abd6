namespace Operators.Gateway.Spaces;

/// <summary>A starting point for a new space. What each one seeds in each service is described by the service.</summary>
public sealed record SpaceTemplate(string Id, string Name, string Description);

public static class SpaceTemplates
{
    public static IReadOnlyList<SpaceTemplate> BuiltIn { get; } =
    [
        new("rural-tiers-lieu", "Rural tiers-lieu",
            "A small shared place in the countryside: one hot-desk pool, a meeting room, day passes paid by cash or cheque, an association exempt from VAT."),
        new("urban-coworking", "Urban coworking",
            "A city coworking space: hot desks, fixed desks, several bookable rooms and private offices, monthly plans with allowances, card payments."),
    ];

    public static SpaceTemplate? Find(string? id) =>
        BuiltIn.FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));
}
