using Microsoft.EntityFrameworkCore;
using Operators.Contracts.Membership;
using Operators.Membership.Subscriptions;
using Operators.Tenancy;

namespace Operators.Membership.Tests;

/// <summary>
/// The renewal job on PostgreSQL, in process, on a stopped clock (31 March 2027, noon in Paris): run twice, two
/// runs at once, and a run that dies halfway then runs again each leave exactly one charge and one event per period.
/// </summary>
public sealed class RenewalJobTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 31, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2027, 3, 31);

    private static readonly PlanTerms Nomade = new()
    {
        PlanId = Guid.NewGuid(), PlanName = "Nomade", MonthlyPrice = 100m, Currency = "EUR", VatRate = 20m, DeskDays = 8, RoomHours = 4m,
    };

    private RenewalHarness harness = null!;

    [SetUp]
    public async Task Start() => harness = await RenewalHarness.StartAsync(Now, batchSize: 10);

    [TearDown]
    public async Task Stop() => await harness.DisposeAsync();

    /// <summary>Every period charge of each subscription: one per period from the start to today's.</summary>
    private async Task AssertOneChargePerPeriodAsync(TenantInfo space, List<Guid> ids, DateOnly start)
    {
        var periods = AnniversaryPeriods.NumberOn(start, Today) + 1;
        var charges = await harness.ReadAsync(space, db => db.SubscriptionCharges.AsNoTracking()
            .Where(c => c.Kind == MembershipChargeKinds.Period).GroupBy(c => c.SubscriptionId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync());
        var renewed = (await harness.PublishedAsync<MembershipRenewed>()).GroupBy(r => r.SubscriptionId).ToDictionary(g => g.Key, g => g.Count());
        var subscriptions = await harness.ReadAsync(space, db => db.Subscriptions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync());
        Assert.Multiple(() =>
        {
            Assert.That(charges.Where(c => ids.Contains(c.Key)).Select(c => c.Count), Is.All.EqualTo(periods));
            Assert.That(charges.Count(c => ids.Contains(c.Key)), Is.EqualTo(ids.Count));
            Assert.That(ids.Select(id => renewed.GetValueOrDefault(id)), Is.All.EqualTo(periods - 1));
            Assert.That(subscriptions.Select(s => s.PeriodStart <= Today && Today < s.PeriodEnd), Is.All.True);
            Assert.That(subscriptions.Select(s => s.PeriodNumber), Is.All.EqualTo(periods - 1));
        });
    }

    [Test]
    public async Task Running_the_job_twice_renews_each_due_subscription_once_catching_up_missed_periods()
    {
        var space = await harness.AddSpaceAsync("twice");
        var start = Today.AddDays(-100);
        var due = await harness.SubscribeAsync(space, 25, start, Nomade);
        var notYet = await harness.SubscribeAsync(space, 3, Today.AddDays(-5), Nomade);

        await harness.RunAllAsync();
        await harness.RunAllAsync();

        await AssertOneChargePerPeriodAsync(space, due, start);
        var renewedNotYet = (await harness.PublishedAsync<MembershipRenewed>()).Count(r => notYet.Contains(r.SubscriptionId));
        Assert.That(renewedNotYet, Is.Zero);
    }

    [Test]
    public async Task A_subscription_cancelled_at_period_end_ends_on_that_day_and_a_pending_downgrade_applies_at_renewal()
    {
        var space = await harness.AddSpaceAsync("ends");
        var resident = PlanTermsCopy.Of(Nomade);
        resident.PlanId = Guid.NewGuid();
        resident.PlanName = "Résident";
        resident.MonthlyPrice = 250m;
        var start = Today.AddMonths(-1);
        var cancelled = await harness.SubscribeAsync(space, 2, start, Nomade, s => [SubscriptionLifecycle.Cancel(s, atPeriodEnd: true, start)]);
        var downgraded = await harness.SubscribeAsync(space, 2, start, resident, s => SubscriptionLifecycle.Change(s, PlanTermsCopy.Of(Nomade), start));

        await harness.RunAsync(space);
        await harness.RunAsync(space);

        var ended = await harness.PublishedAsync<MembershipEnded>();
        var renewed = await harness.PublishedAsync<MembershipRenewed>();
        var changed = await harness.PublishedAsync<MembershipChanged>();
        Assert.Multiple(() =>
        {
            Assert.That(ended.Select(e => e.SubscriptionId), Is.EquivalentTo(cancelled));
            Assert.That(ended.Select(e => e.EndedOn), Is.All.EqualTo(AnniversaryPeriods.Boundary(start, 1)));
            Assert.That(renewed.Select(r => r.SubscriptionId), Is.EquivalentTo(downgraded));
            Assert.That(renewed.Select(r => (r.PlanName, r.Charges!.Single().Amount.Amount)), Is.All.EqualTo(("Nomade", 100m)));
            Assert.That(changed.Select(c => (c.SubscriptionId, c.Charges.Count)), Is.EquivalentTo(downgraded.Select(id => (id, 0))));
        });
    }

    [Test]
    public async Task Two_runs_at_once_as_on_two_replicas_renew_each_period_once()
    {
        var space = await harness.AddSpaceAsync("replicas");
        var start = Today.AddDays(-70);
        var ids = await harness.SubscribeAsync(space, 120, start, Nomade);

        var runs = await Task.WhenAll(harness.RunAsync(space), harness.RunAsync(space), harness.RunAsync(space));
        await harness.RunAsync(space);

        await AssertOneChargePerPeriodAsync(space, ids, start);
        Assert.That(runs.Sum(r => r.Subscriptions), Is.LessThanOrEqualTo(ids.Count), "no subscription moved by two runs");
    }

    [Test]
    public async Task A_run_that_dies_halfway_leaves_whole_batches_and_the_next_run_completes_without_doubling()
    {
        var space = await harness.AddSpaceAsync("crash");
        var start = Today.AddDays(-95);
        var ids = await harness.SubscribeAsync(space, 100, start, Nomade);

        harness.CrashAfter(4);
        Assert.ThrowsAsync<InvalidOperationException>(() => harness.RunAsync(space));
        var halfway = (await harness.PublishedAsync<MembershipRenewed>()).Select(r => r.SubscriptionId).Distinct().Count();
        harness.CrashAfter(null);
        await harness.RunAsync(space);
        await harness.RunAsync(space);

        Assert.That(halfway, Is.EqualTo(40), "four batches of ten were saved before the crash");
        await AssertOneChargePerPeriodAsync(space, ids, start);
    }
}
