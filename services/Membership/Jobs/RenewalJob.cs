using Microsoft.EntityFrameworkCore;
using Operators.Membership.Persistence;
using Operators.Membership.Subscriptions;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Membership.Jobs;

/// <summary>What one run did, for logs and the benchmark.</summary>
public sealed record RenewalRun(int Subscriptions, int Renewals, int Ended, int Skipped);

/// <summary>
/// The renewal job: in each space, every active subscription whose period has ended (its end on or before the space's
/// today) moves on to its next periods, charged once each, pending downgrades applied; every cancelling one whose
/// end has come ends. Idempotent and safe to run twice at once: subscriptions are taken in small batches, each
/// saved atomically (rows, charges and events together); a batch another run saved first fails on the
/// subscriptions' version or the ledger's one-charge-per-period key, is dropped, and what is still due is read
/// again. A run killed halfway leaves whole batches behind, and the next one picks up the rest.
/// </summary>
public sealed class RenewalJob(
    MembershipDbContext db, ITenantContext tenants, SubscriptionRecorder recorder, TimeProvider clock, IConfiguration configuration, ILogger<RenewalJob> logger)
{
    public const string JobId = "membership-renewals";

    private int BatchSize => configuration.GetValue("Membership:RenewalBatchSize", 100);

    /// <summary>Recurring (<c>Membership:RenewalCron</c>, hourly by default so each space's midnight is caught whatever its zone).</summary>
    public async Task RenewAllAsync()
    {
        var spaces = await db.Set<ProvisionedSpace>().AsNoTracking().Where(s => s.Status == TenantStatus.Active).ToListAsync();
        var total = new RenewalRun(0, 0, 0, 0);
        var failures = new List<Exception>();
        foreach (var space in spaces)
        {
            try
            {
                var run = await RenewSpaceAsync(space.ToTenant(), CancellationToken.None);
                total = new RenewalRun(total.Subscriptions + run.Subscriptions, total.Renewals + run.Renewals, total.Ended + run.Ended, total.Skipped + run.Skipped);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One space's trouble (a bad time zone, a row that cannot be saved) must not hold back the others' renewals.
                logger.LogError(e, "Renewals of space {Space} failed; the other spaces go on", space.Slug);
                db.ChangeTracker.Clear();
                failures.Add(e);
            }
        }

        if (total.Subscriptions > 0)
        {
            logger.LogInformation("Renewals: {Subscriptions} subscriptions, {Renewals} periods renewed, {Ended} ended, {Skipped} left to the next run", total.Subscriptions, total.Renewals, total.Ended, total.Skipped);
        }

        if (failures.Count > 0)
        {
            // Failed in Hangfire's dashboard and retried by it; the spaces that went through are not done twice.
            throw new AggregateException("Renewals failed in some spaces.", failures);
        }
    }

    /// <summary>Brings every due subscription of one space up to its today.</summary>
    public async Task<RenewalRun> RenewSpaceAsync(TenantInfo space, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(space);
        using (tenants.Change(space))
        {
            var today = SpaceDates.Today(clock.GetUtcNow().UtcDateTime, space);
            var skipped = new HashSet<Guid>();
            int subscriptions = 0, renewals = 0, ended = 0;
            while (true)
            {
                var batch = await Due(today).Where(s => !skipped.Contains(s.Id)).OrderBy(s => s.Id).Take(BatchSize).ToListAsync(ct);
                if (batch.Count == 0)
                {
                    break;
                }

                var steps = batch.Select(s => Move(s, today, space.Locale)).ToList();
                if (await SaveAsync(ct))
                {
                    subscriptions += batch.Count;
                    renewals += steps.Sum(s => s.OfType<RenewedStep>().Count());
                    ended += steps.Sum(s => s.OfType<EndedStep>().Count());
                    continue;
                }

                // Another run (or an operator) moved one of these first: each alone, so one conflict does not hold back the rest.
                foreach (var id in batch.Select(s => s.Id))
                {
                    var one = await Due(today).FirstOrDefaultAsync(s => s.Id == id, ct);
                    if (one is null)
                    {
                        continue;
                    }

                    var moved = Move(one, today, space.Locale);
                    if (await SaveAsync(ct))
                    {
                        subscriptions++;
                        renewals += moved.OfType<RenewedStep>().Count();
                        ended += moved.OfType<EndedStep>().Count();
                    }
                    else
                    {
                        logger.LogWarning("Subscription {Subscription} could not be renewed in this run; the next run tries again", id);
                        skipped.Add(id);
                    }
                }
            }

            return new RenewalRun(subscriptions, renewals, ended, skipped.Count);
        }
    }

    private IQueryable<Subscription> Due(DateOnly today) =>
        db.Subscriptions.Where(s => (s.Status == SubscriptionStatus.Active && s.PeriodEnd <= today)
            || (s.Status == SubscriptionStatus.Cancelling && s.EndsOn <= today));

    private List<SubscriptionStep> Move(Subscription s, DateOnly today, string locale)
    {
        var steps = SubscriptionLifecycle.Renew(s, today);
        s.Version++;
        recorder.Record(s, steps, locale, clock.GetUtcNow().UtcDateTime);
        return steps;
    }

    /// <summary>Saves the batch, or drops it when another writer got there first; either way the context starts clean.</summary>
    private async Task<bool> SaveAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        // A unique key taken by another run, or a deadlock with it (PostgreSQL, which EF's retrying strategy then
        // reports wrapped in an InvalidOperationException): the other writer moved these subscriptions, or will.
        catch (Exception e) when (e is DbUpdateException || e.InnerException is DbUpdateException)
        {
            var cause = e as DbUpdateException ?? (DbUpdateException)e.InnerException!;
            logger.LogInformation("A renewal batch lost to a concurrent writer and is retried one by one: {Reason}", cause.InnerException?.Message ?? cause.Message);
            return false;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }
}
