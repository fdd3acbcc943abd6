using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Charges;
using Operators.Billing.Customers;
using Operators.Billing.Invoices;
using Operators.Billing.Persistence;
using Operators.Billing.Settings;
using Operators.Billing.Spaces;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Billing.Runs;

/// <summary>
/// Starts and works invoice runs. <see cref="WorkAsync"/> is the one Hangfire job of a run (never one per invoice): it
/// takes the run's lease, issues what an interrupted attempt left as drafts, then invoices each customer with unbilled
/// charges of the period — each customer in its own transactions, so a crash loses at most the one in progress, which
/// the next attempt redoes. <see cref="ScheduleDueAsync"/>, recurring, starts each space's monthly run on its invoice
/// day (in its time zone) for the month before, and takes over runs whose worker went quiet.
/// </summary>
public sealed class InvoiceRuns(
    BillingDbContext db, ITenantContext tenants, ChargeInvoicer invoicer, InvoiceIssuer issuer, DeskSales sales, BillingCalendar calendar,
    IBackgroundJobClient jobs, IConfiguration configuration, ILogger<InvoiceRuns> logger)
{
    public const string ScheduleJobId = "billing-invoice-runs";

    /// <summary>A running run whose heartbeat is older than this (<c>Billing:RunLease</c>, 2 minutes) is taken over by the next attempt.</summary>
    private TimeSpan Lease => configuration.GetValue("Billing:RunLease", TimeSpan.FromMinutes(2));

    /// <summary>Records a run of <paramref name="period"/> for the current space and queues its job.</summary>
    public async Task<InvoiceRun> StartAsync(string period, DateOnly until, string? scheduleKey, Guid? requestedBy, CancellationToken ct)
    {
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BillingSettings();
        var run = new InvoiceRun
        {
            Id = Guid.CreateVersion7(),
            Period = period,
            Until = until,
            ScheduleKey = scheduleKey,
            Status = RunStatus.Queued,
            AutoIssue = settings.AutoIssue,
            RequestedBy = requestedBy,
            CreatedAt = calendar.UtcNow,
        };
        db.Add(run);
        await db.SaveChangesAsync(ct);
        Enqueue(run);
        return run;
    }

    private void Enqueue(InvoiceRun run)
    {
        var tenant = tenants.TenantId ?? throw new InvalidOperationException("A run needs a space.");
        jobs.Enqueue<InvoiceRuns>(r => r.WorkAsync(tenant, run.Id, CancellationToken.None));
    }

    /// <summary>The run's job. Safe to run again, and twice at once: the lease lets one worker through.</summary>
    [AutomaticRetry(Attempts = 5)]
    public async Task WorkAsync(Guid tenantId, Guid runId, CancellationToken ct)
    {
        using (tenants.Change(tenantId))
        {
            var now = calendar.UtcNow;
            var stale = now - Lease;
            // The lease: a queued run, or one whose worker stopped beating.
            var taken = await db.Set<InvoiceRun>()
                .Where(r => r.Id == runId && (r.Status == RunStatus.Queued || (r.Status == RunStatus.Running && (r.HeartbeatAt == null || r.HeartbeatAt < stale))))
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Running).SetProperty(r => r.HeartbeatAt, now), ct);
            if (taken == 0)
            {
                logger.LogInformation("Run {RunId} is done or worked elsewhere", runId);
                return;
            }

            var run = await db.Set<InvoiceRun>().FirstAsync(r => r.Id == runId, ct);
            run.StartedAt ??= now;
            run.Failed = 0;
            run.Problems = [];

            // Drafts an interrupted attempt made but did not issue (or could not: they are tried again).
            var unissued = run.AutoIssue
                ? await db.Invoices.Where(i => i.Number == null && db.Charges.Any(c => c.RunId == run.Id && c.InvoiceId == i.Id))
                    .Select(i => new { i.Id, i.CustomerId }).ToListAsync(ct)
                : [];
            // Counted from what is written, not carried over: a crash can fall between an issue and its count.
            run.Done = await db.Invoices.CountAsync(
                i => (!run.AutoIssue || i.Number != null) && db.Charges.Any(c => c.RunId == run.Id && c.InvoiceId == i.Id), ct);
            var desk = await invoicer.PaidAtTheDeskAsync(run.Until, ct);
            var customers = await invoicer.CustomersToBillAsync(run.Until, ct);
            run.Total = run.Done + unissued.Count + desk.Count + customers.Count;
            await db.SaveChangesAsync(ct);
            var names = await NamesAsync([.. customers, .. unissued.Select(u => u.CustomerId), .. desk.Select(d => d.CustomerId)], ct);

            foreach (var draft in unissued)
            {
                await IssueAsync(run, draft.Id, draft.CustomerId, names, ct);
                await BeatAsync(run, ct);
            }

            foreach (var sale in desk)
            {
                var refusal = await sales.SettleAsync(sale.Id, ct);
                db.ChangeTracker.Clear();
                db.Attach(run);
                if (refusal is null)
                {
                    run.Done++;
                }
                else
                {
                    Fail(run, sale.CustomerId, names, $"Paid at the desk, not invoiced yet: {refusal}");
                }

                await BeatAsync(run, ct);
            }

            foreach (var customer in customers)
            {
                await InvoiceAsync(run, customer, names, ct);
            }

            run.Status = RunStatus.Completed;
            run.FinishedAt = calendar.UtcNow;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Run {RunId} of {Period}: {Done} invoices, {Failed} customers not invoiced", run.Id, run.Period, run.Done, run.Failed);
        }
    }

    /// <summary>
    /// One customer in one transaction: their draft, its issue (under the chain's lock, taken first) and the run's
    /// progress commit together, so a crash leaves either all of it or nothing, and each invoice costs one commit.
    /// A draft that cannot be issued is kept, with the run's problem; a draft that cannot be made leaves nothing.
    /// </summary>
    private async Task InvoiceAsync(InvoiceRun run, Guid customer, Dictionary<Guid, string> names, CancellationToken ct)
    {
        string? problem;
        string? refusedByDatabase = null;
        var (done, failed, problems) = (run.Done, run.Failed, run.Problems);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // The transaction is this customer's alone: a failed write rolls all of it back, no savepoint needed.
            db.Database.AutoSavepointsEnabled = false;
            try
            {
                problem = await DraftAndIssueAsync(run, customer, names, ct);
                if (problem is null)
                {
                    await tx.CommitAsync(ct);
                }
                else
                {
                    await tx.RollbackAsync(ct);
                }
            }
            catch (DbUpdateException e)
            {
                // The database refused a write (a trigger, a constraint): nothing of this customer is kept; their draft is
                // made again below, alone, and listed with the reason, as a draft whose issue is refused is.
                await tx.RollbackAsync(CancellationToken.None);
                (run.Done, run.Failed, run.Problems) = (done, failed, problems);
                problem = null;
                refusedByDatabase = e.InnerException?.Message ?? e.Message;
            }
            finally
            {
                db.Database.AutoSavepointsEnabled = true;
            }
        }

        db.ChangeTracker.Clear();
        db.Attach(run);
        if (refusedByDatabase is not null)
        {
            var drafted = await invoicer.DraftAsync(customer, run.Until, run.Id, ct);
            db.ChangeTracker.Clear();
            db.Attach(run);
            problem = drafted.Draft is null ? drafted.Problem : $"Draft kept, not issued: the database refused it ({refusedByDatabase}).";
        }

        if (problem is not null)
        {
            Fail(run, customer, names, problem);
            await BeatAsync(run, ct);
        }
    }

    /// <summary>The writes of <see cref="InvoiceAsync"/>, saved not committed; or why no draft could be made (nothing to keep).</summary>
    private async Task<string?> DraftAndIssueAsync(InvoiceRun run, Guid customer, Dictionary<Guid, string> names, CancellationToken ct)
    {
        if (run.AutoIssue)
        {
            await issuer.LockAsync(ct);
        }

        var drafted = await invoicer.DraftAsync(customer, run.Until, run.Id, ct);
        if (drafted.Draft is null)
        {
            return drafted.Problem;
        }

        // Counted before the issue's save, which writes the run's progress with the document.
        run.Done++;
        run.HeartbeatAt = calendar.UtcNow;
        if (!run.AutoIssue)
        {
            await db.SaveChangesAsync(ct);
        }
        else if ((await issuer.IssueDraftAsync(drafted, ct)).Refusal is { } refusal)
        {
            run.Done--;
            Fail(run, customer, names, $"Draft kept, not issued: {refusal}");
            await db.SaveChangesAsync(ct);
        }

        return null;
    }

    private async Task IssueAsync(InvoiceRun run, Guid draftId, Guid customer, Dictionary<Guid, string> names, CancellationToken ct)
    {
        IssueOutcome? outcome;
        try
        {
            outcome = await issuer.IssueAsync(draftId, ct);
        }
        catch (DbUpdateException)
        {
            outcome = IssueOutcome.Refused("The draft was edited or deleted while it was being issued.");
        }

        db.ChangeTracker.Clear();
        db.Attach(run);
        if (outcome?.Issued is not null)
        {
            run.Done++;
        }
        else
        {
            Fail(run, customer, names, $"Draft kept, not issued: {outcome?.Refusal ?? "it no longer exists."}");
        }
    }

    private static void Fail(InvoiceRun run, Guid customer, Dictionary<Guid, string> names, string reason)
    {
        run.Failed++;
        run.Problems = [.. run.Problems, new RunProblem(customer, names.GetValueOrDefault(customer, customer.ToString()), reason)];
    }

    private async Task BeatAsync(InvoiceRun run, CancellationToken ct)
    {
        run.HeartbeatAt = calendar.UtcNow;
        await db.SaveChangesAsync(ct);
    }

    private Task<Dictionary<Guid, string>> NamesAsync(List<Guid> ids, CancellationToken ct) => CustomerNames.OfAsync(db, ids, ct);

    /// <summary>
    /// Recurring: in each space whose invoice day has come this month (its own calendar), the run of the month before,
    /// once (the schedule key is unique), when it has anything to bill; and runs whose worker went quiet, again.
    /// </summary>
    public async Task ScheduleDueAsync(CancellationToken ct)
    {
        var spaces = await db.Set<ProvisionedSpace>().AsNoTracking().Select(s => s.Id).ToListAsync(ct);
        foreach (var space in spaces)
        {
            using (tenants.Change(space))
            {
                try
                {
                    await ScheduleSpaceAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another replica started this month's run first.
                    db.ChangeTracker.Clear();
                }
            }
        }
    }

    private async Task ScheduleSpaceAsync(CancellationToken ct)
    {
        var stale = calendar.UtcNow - Lease;
        var stalled = await db.Set<InvoiceRun>().AsNoTracking()
            .Where(r => r.Status == RunStatus.Queued ? r.CreatedAt < stale : r.Status == RunStatus.Running && (r.HeartbeatAt == null || r.HeartbeatAt < stale))
            .ToListAsync(ct);
        foreach (var run in stalled)
        {
            logger.LogWarning("Run {RunId} of {Period} stopped without finishing; started again", run.Id, run.Period);
            Enqueue(run);
        }

        var today = await calendar.TodayAsync(ct);
        var settings = await db.Settings.AsNoTracking().FirstOrDefaultAsync(ct) ?? new BillingSettings();
        if (today.Day < settings.InvoiceDay)
        {
            return;
        }

        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var period = Period(month);
        var until = month.AddMonths(1).AddDays(-1);
        if (await db.Set<InvoiceRun>().AnyAsync(r => r.ScheduleKey == period, ct)
            || !await db.Charges.AnyAsync(c => c.InvoiceId == null && !c.Voided && c.Date <= until, ct))
        {
            return;
        }

        await StartAsync(period, until, period, null, ct);
    }

    public static string Period(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
}
