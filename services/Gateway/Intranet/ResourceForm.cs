namespace Operators.Gateway.Intranet;

/// <summary>What the resource forms post; turned into the API's resource document.</summary>
public sealed class ResourceForm
{
    public string? Name { get; set; }

    public string Kind { get; set; } = "desk-pool";

    public int Capacity { get; set; } = 1;

    public decimal? PricePerDay { get; set; }

    public decimal? PricePerHour { get; set; }

    public string BookableBy { get; set; } = "members";

    public bool Active { get; set; } = true;

    public static ResourceForm From(ResourceDocument r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new()
        {
            Name = r.Name,
            Kind = r.Kind,
            Capacity = r.Capacity,
            PricePerDay = r.PricePerDay?.Amount,
            PricePerHour = r.PricePerHour?.Amount,
            BookableBy = r.BookableBy,
            Active = r.Active,
        };
    }

    public object ToRequest(bool? active = null) => new
    {
        name = Name?.Trim(),
        kind = Kind,
        capacity = Capacity,
        pricePerDay = Kind == "room" ? PricePerDay : PricePerDay ?? 0m,
        pricePerHour = Kind == "room" ? PricePerHour ?? 0m : PricePerHour,
        bookableBy = BookableBy,
        active = active ?? Active,
    };
}
