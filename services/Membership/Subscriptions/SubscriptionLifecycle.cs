using Operators.Contracts.Membership;

namespace Operators.Membership.Subscriptions;

/// <summary>An amount a step charges (or credits, when negative) under the terms it names, for a span of days.</summary>
public sealed record ChargeLine(string Kind, decimal Amount, DaySpan Span, PlanTerms Terms);

/// <summary>What happened to a subscription, with its charges: each becomes one integration event.</summary>
public abstract record SubscriptionStep(IReadOnlyList<ChargeLine> Charges);

public sealed record ActivatedStep(DaySpan Period, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

public sealed record RenewedStep(DaySpan Period, PlanTerms Terms, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

public sealed record ChangedStep(DateOnly EffectiveOn, DaySpan Period, PlanTerms Terms, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

public sealed record PausedStep(DateOnly PausedOn, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

public sealed record ResumedStep(DaySpan Period, PlanTerms Terms, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

public sealed record CancellingStep(DateOnly EndsOn, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

public sealed record EndedStep(DateOnly EndedOn, IReadOnlyList<ChargeLine> Charges) : SubscriptionStep(Charges);

/// <summary>
/// The rules of a subscription's life, on the entity alone and a "today" in the space's days (no clock, no
/// database): each method moves the subscription and says what to publish and charge. Guards (<c>Cannot…</c>)
/// name why a move is refused; the moves assume they were asked first. An operator's action first brings the
/// subscription up to date with <see cref="Renew"/>, as the renewal job would.
/// </summary>
public static class SubscriptionLifecycle
{
    /// <summary>
    /// Starts a subscription on its <see cref="Subscription.Start"/>: its first period charged in full, the setup fee
    /// once. A start in the past is caught up by <see cref="Renew"/>. The commitment runs from the start.
    /// </summary>
    public static ActivatedStep Activate(Subscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        s.Status = SubscriptionStatus.Active;
        s.Anchor = s.Start;
        var period = MoveTo(s, 0);
        s.CommitmentEndsOn = AnniversaryPeriods.Boundary(s.Start, s.Terms.CommitmentMonths);
        return new ActivatedStep(period, Lines(
            Line(MembershipChargeKinds.Period, s.Terms.MonthlyPrice, period, s.Terms),
            Line(MembershipChargeKinds.SetupFee, s.Terms.SetupFee, period, s.Terms)));
    }

    /// <summary>
    /// Brings a subscription up to <paramref name="today"/>: every period that has ended is followed by the next one,
    /// charged in full (a pending downgrade applies at the first of them), and one cancelled at its period's end ends
    /// on that day. Nothing happens to a paused or ended one; running it twice on the same day changes nothing.
    /// </summary>
    public static List<SubscriptionStep> Renew(Subscription s, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        var steps = new List<SubscriptionStep>();
        if (s.Status == SubscriptionStatus.Cancelling && s.EndsOn is { } endsOn && endsOn <= today)
        {
            s.Status = SubscriptionStatus.Ended;
            s.EndedOn = endsOn;
            steps.Add(new EndedStep(endsOn, []));
            return steps;
        }

        while (s.Status == SubscriptionStatus.Active && s.PeriodEnd <= today)
        {
            var period = MoveTo(s, s.PeriodNumber + 1);
            var downgraded = ApplyPendingTerms(s);
            steps.Add(new RenewedStep(period, s.Terms, Lines(Line(MembershipChargeKinds.Period, s.Terms.MonthlyPrice, period, s.Terms))));
            if (downgraded)
            {
                steps.Add(new ChangedStep(period.Start, period, s.Terms, []));
            }
        }

        return steps;
    }

    /// <summary>Whether the renewal job has something to do with this subscription on <paramref name="today"/>.</summary>
    public static bool IsDue(Subscription s, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        return (s.Status == SubscriptionStatus.Active && s.PeriodEnd <= today)
            || (s.Status == SubscriptionStatus.Cancelling && s.EndsOn <= today);
    }

    public static string? CannotChange(Subscription s, PlanTerms to)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(to);
        return s.Status != SubscriptionStatus.Active
            ? $"A {Name(s.Status)} subscription cannot change plan."
            : s.Terms.PlanId == to.PlanId && s.PendingTerms is null ? $"The subscription is already on {s.Terms.PlanName}." : null;
    }

    /// <summary>
    /// Changes plan. Back to the current plan: a pending downgrade is dropped, nothing charged. An upgrade (new
    /// monthly price at least the old) applies from today: the old terms' unused days of the current period are
    /// credited and the same days charged at the new price; the new allowances replace the period's from today,
    /// and a longer commitment of the new plan counts from the subscription's start. A downgrade waits for the
    /// period's end (<see cref="Subscription.PendingTerms"/>, applied by <see cref="Renew"/>). The setup fee is
    /// never charged again.
    /// </summary>
    public static List<SubscriptionStep> Change(Subscription s, PlanTerms to, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(to);
        if (s.Terms.PlanId == to.PlanId)
        {
            s.PendingTerms = null;
            return [];
        }

        if (to.MonthlyPrice < s.Terms.MonthlyPrice)
        {
            s.PendingTerms = to;
            return [];
        }

        var period = CurrentPeriod(s);
        var from = Later(today, s.PeriodStart);
        var unused = new DaySpan(from, s.PeriodEnd);
        var old = s.Terms;
        s.Terms = to;
        s.PendingTerms = null;
        s.CommitmentEndsOn = Later(s.CommitmentEndsOn, AnniversaryPeriods.Boundary(s.Start, to.CommitmentMonths));
        return [new ChangedStep(from, period, to, Lines(
            Line(MembershipChargeKinds.ProrationCredit, -AnniversaryPeriods.Prorate(old.MonthlyPrice, unused.Days, period), unused, old),
            Line(MembershipChargeKinds.ProrationCharge, AnniversaryPeriods.Prorate(to.MonthlyPrice, unused.Days, period), unused, to)))];
    }

    public static string? CannotPause(Subscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Status == SubscriptionStatus.Active ? null : $"A {Name(s.Status)} subscription cannot be paused.";
    }

    /// <summary>Pauses from today: allowances unusable from today, the period's unused days credited, no renewal until it resumes.</summary>
    public static PausedStep Pause(Subscription s, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        var period = CurrentPeriod(s);
        var unused = new DaySpan(Later(today, s.PeriodStart), s.PeriodEnd);
        s.Status = SubscriptionStatus.Paused;
        s.PausedOn = today;
        return new PausedStep(today, Lines(
            Line(MembershipChargeKinds.ProrationCredit, -AnniversaryPeriods.Prorate(s.Terms.MonthlyPrice, unused.Days, period), unused, s.Terms)));
    }

    public static string? CannotResume(Subscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Status == SubscriptionStatus.Paused ? null : $"Only a paused subscription can resume; this one is {Name(s.Status)}.";
    }

    /// <summary>
    /// Resumes today: periods now count from today (the anchor moves), the first charged in full (with a pending
    /// downgrade's terms); a commitment not yet over when it paused ends later by the days it was paused.
    /// </summary>
    public static List<SubscriptionStep> Resume(Subscription s, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        var pausedOn = s.PausedOn ?? today;
        if (s.CommitmentEndsOn > pausedOn)
        {
            s.CommitmentEndsOn = s.CommitmentEndsOn.AddDays(today.DayNumber - pausedOn.DayNumber);
        }

        s.Status = SubscriptionStatus.Active;
        s.PausedOn = null;
        s.Anchor = today;
        var period = MoveTo(s, 0);
        var downgraded = ApplyPendingTerms(s);
        var steps = new List<SubscriptionStep> { new ResumedStep(period, s.Terms, Lines(Line(MembershipChargeKinds.Period, s.Terms.MonthlyPrice, period, s.Terms))) };
        if (downgraded)
        {
            steps.Add(new ChangedStep(today, period, s.Terms, []));
        }

        return steps;
    }

    public static string? CannotCancel(Subscription s, bool atPeriodEnd)
    {
        ArgumentNullException.ThrowIfNull(s);
        return s.Status switch
        {
            SubscriptionStatus.Ended => "The subscription has already ended.",
            SubscriptionStatus.Cancelling when atPeriodEnd => $"The subscription already ends on {s.EndsOn:yyyy-MM-dd}; cancel now to end it sooner.",
            SubscriptionStatus.Paused when atPeriodEnd => "A paused subscription has no period running: cancel it now.",
            _ => null,
        };
    }

    /// <summary>
    /// Cancels. The subscription is paid through its current period's end and owes through the later of the day
    /// it ends and its commitment's end: owing more charges the rest of the commitment (prorated by day in each
    /// anniversary period); owing less credits the unused days of the current period. At the period's end it
    /// keeps running (cancelling) until <see cref="Subscription.EndsOn"/>, then <see cref="Renew"/> ends it; now,
    /// it ends today. A paused one, already credited, owes only what was left of its commitment when it paused.
    /// </summary>
    public static SubscriptionStep Cancel(Subscription s, bool atPeriodEnd, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (atPeriodEnd)
        {
            var endsOn = s.PeriodEnd;
            s.Status = SubscriptionStatus.Cancelling;
            s.EndsOn = endsOn;
            s.PendingTerms = null;
            return new CancellingStep(endsOn, Commitment(s, s.Anchor, endsOn, s.CommitmentEndsOn));
        }

        List<ChargeLine> charges;
        if (s.Status == SubscriptionStatus.Paused)
        {
            var pausedOn = s.PausedOn ?? today;
            var left = Math.Max(0, s.CommitmentEndsOn.DayNumber - pausedOn.DayNumber);
            charges = Commitment(s, today, today, today.AddDays(left));
        }
        else
        {
            // A cancelling subscription was charged its whole commitment already.
            var paidThrough = s.Status == SubscriptionStatus.Cancelling ? Later(s.PeriodEnd, s.CommitmentEndsOn) : s.PeriodEnd;
            var owedThrough = Later(today, s.CommitmentEndsOn);
            charges = Commitment(s, s.Anchor, paidThrough, owedThrough);
            if (owedThrough < s.PeriodEnd)
            {
                var unused = new DaySpan(Later(owedThrough, s.PeriodStart), s.PeriodEnd);
                charges.AddRange(Lines(Line(MembershipChargeKinds.ProrationCredit,
                    -AnniversaryPeriods.Prorate(s.Terms.MonthlyPrice, unused.Days, CurrentPeriod(s)), unused, s.Terms)));
            }
        }

        s.Status = SubscriptionStatus.Ended;
        s.PausedOn = null;
        s.PendingTerms = null;
        s.EndsOn = today;
        s.EndedOn = today;
        return new EndedStep(today, charges);
    }

    /// <summary>A detached copy, to try a move without touching a tracked row.</summary>
    public static Subscription Copy(Subscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new Subscription
        {
            Id = s.Id,
            TenantId = s.TenantId,
            MemberId = s.MemberId,
            CompanyId = s.CompanyId,
            Terms = PlanTermsCopy.Of(s.Terms),
            Status = s.Status,
            Start = s.Start,
            Anchor = s.Anchor,
            PeriodNumber = s.PeriodNumber,
            PeriodStart = s.PeriodStart,
            PeriodEnd = s.PeriodEnd,
            CommitmentEndsOn = s.CommitmentEndsOn,
            PausedOn = s.PausedOn,
            EndsOn = s.EndsOn,
            EndedOn = s.EndedOn,
            PendingTerms = s.PendingTerms is { } p ? PlanTermsCopy.Of(p) : null,
            CreatedAt = s.CreatedAt,
            Version = s.Version,
        };
    }

    public static DaySpan CurrentPeriod(Subscription s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new DaySpan(s.PeriodStart, s.PeriodEnd);
    }

    private static List<ChargeLine> Commitment(Subscription s, DateOnly anchor, DateOnly paidThrough, DateOnly owedThrough) =>
        [.. AnniversaryPeriods.Slice(anchor, paidThrough, owedThrough, s.Terms.MonthlyPrice)
            .Where(p => p.Amount != 0)
            .Select(p => new ChargeLine(MembershipChargeKinds.Commitment, p.Amount, p.Piece, s.Terms))];

    private static DaySpan MoveTo(Subscription s, int number)
    {
        var period = AnniversaryPeriods.Period(s.Anchor, number);
        s.PeriodNumber = number;
        s.PeriodStart = period.Start;
        s.PeriodEnd = period.End;
        return period;
    }

    private static bool ApplyPendingTerms(Subscription s)
    {
        if (s.PendingTerms is not { } pending)
        {
            return false;
        }

        s.Terms = PlanTermsCopy.Of(pending);
        s.PendingTerms = null;
        return true;
    }

    private static ChargeLine? Line(string kind, decimal amount, DaySpan span, PlanTerms terms) =>
        amount == 0 || span.Days <= 0 ? null : new ChargeLine(kind, amount, span, terms);

    /// <summary>Zero amounts are not charges: a free plan, or no unused day, publishes no line.</summary>
    private static List<ChargeLine> Lines(params ChargeLine?[] lines) => [.. lines.OfType<ChargeLine>()];

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;

    private static string Name(SubscriptionStatus status) => status.ToString().ToLowerInvariant();
}

/// <summary>Terms are copied, never shared: the same instance cannot be both a subscription's current and pending terms.</summary>
public static class PlanTermsCopy
{
    public static PlanTerms Of(PlanTerms t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new PlanTerms
        {
            PlanId = t.PlanId,
            PlanName = t.PlanName,
            MonthlyPrice = t.MonthlyPrice,
            Currency = t.Currency,
            VatRate = t.VatRate,
            SetupFee = t.SetupFee,
            CommitmentMonths = t.CommitmentMonths,
            DeskDays = t.DeskDays,
            RoomHours = t.RoomHours,
        };
    }
}
