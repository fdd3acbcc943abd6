namespace Operators.Gateway.Intranet.Membership;

/// <summary>What the plan forms post; turned into the API's plan document.</summary>
public sealed class PlanForm
{
    public static readonly string[] Week = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

    public string? Name { get; set; }

    public string? Description { get; set; }

    public decimal? MonthlyPrice { get; set; }

    /// <summary>The standard French rate until the operator says otherwise, as the API assumes.</summary>
    public decimal VatRate { get; set; } = 20m;

    public decimal? SetupFee { get; set; }

    public int CommitmentMonths { get; set; }

    public int DeskDays { get; set; }

    public decimal RoomHours { get; set; }

    public bool Monday { get; set; }

    public bool Tuesday { get; set; }

    public bool Wednesday { get; set; }

    public bool Thursday { get; set; }

    public bool Friday { get; set; }

    public bool Saturday { get; set; }

    public bool Sunday { get; set; }

    /// <summary>"HH:mm", or empty for no limit.</summary>
    public string? AccessFrom { get; set; }

    public string? AccessTo { get; set; }

    private bool[] Days => [Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday];

    public static PlanForm From(PlanDocument plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var days = plan.Access?.Days ?? [];
        return new()
        {
            Name = plan.Name,
            Description = plan.Description,
            MonthlyPrice = plan.MonthlyPrice.Amount,
            VatRate = plan.VatRate,
            SetupFee = plan.SetupFee?.Amount,
            CommitmentMonths = plan.CommitmentMonths,
            DeskDays = (int)(plan.Allowances?.DeskDays ?? 0),
            RoomHours = plan.Allowances?.RoomHours ?? 0,
            Monday = days.Contains("monday"),
            Tuesday = days.Contains("tuesday"),
            Wednesday = days.Contains("wednesday"),
            Thursday = days.Contains("thursday"),
            Friday = days.Contains("friday"),
            Saturday = days.Contains("saturday"),
            Sunday = days.Contains("sunday"),
            AccessFrom = plan.Access?.From,
            AccessTo = plan.Access?.To,
        };
    }

    public object ToRequest(string currency, bool active)
    {
        var days = Week.Where((_, i) => Days[i]).ToArray();
        var limited = days.Length > 0 || !string.IsNullOrEmpty(AccessFrom) || !string.IsNullOrEmpty(AccessTo);
        return new
        {
            name = Name?.Trim(),
            description = Description?.Trim() ?? "",
            monthlyPrice = new { amount = MonthlyPrice, currency },
            vatRate = VatRate,
            setupFee = SetupFee is > 0 ? new { amount = SetupFee.Value, currency } : null,
            commitmentMonths = CommitmentMonths,
            allowances = new { deskDays = DeskDays, roomHours = RoomHours },
            access = limited ? new { days = days.Length > 0 ? days : Week, from = Blank(AccessFrom), to = Blank(AccessTo) } : null,
            active,
        };
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
