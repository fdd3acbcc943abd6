using Operators.Tenancy.EntityFramework;

namespace Operators.Billing.Runs;

public enum RunStatus
{
    Queued,
    Running,
    Completed,
}

/// <summary>A customer the run could not invoice, and why (their charges stay unbilled, or their draft unissued).</summary>
public sealed record RunProblem(Guid CustomerId, string Customer, string Reason);

/// <summary>
/// One invoice run of a space: every customer's unbilled charges dated on or before the period's last day, one invoice
/// each, drafts or issued per the space's setting. One Hangfire job works a whole run; it can be started again after
/// a crash and carries on where it stopped (charges are claimed in the transaction that writes their invoice).
/// </summary>
public sealed class InvoiceRun : ITenantOwned
{
    public Guid Id { get; set; }

    public Guid TenantId { get; set; }

    /// <summary><c>2026-12</c>.</summary>
    public required string Period { get; set; }

    /// <summary>The period's last day: charges up to this day are billed.</summary>
    public DateOnly Until { get; set; }

    /// <summary>Set for the monthly run the schedule started (the period): unique, so replicas start it once.</summary>
    public string? ScheduleKey { get; set; }

    public RunStatus Status { get; set; }

    public bool AutoIssue { get; set; }

    /// <summary>Customers to invoice, as counted when the run (re)started.</summary>
    public int Total { get; set; }

    public int Done { get; set; }

    public int Failed { get; set; }

    public List<RunProblem> Problems { get; set; } = [];

    public Guid? RequestedBy { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime? StartedAt { get; set; }

    /// <summary>The worker's last sign of life: a run whose worker went quiet is taken over.</summary>
    public DateTime? HeartbeatAt { get; set; }

    public DateTime? FinishedAt { get; set; }
}
