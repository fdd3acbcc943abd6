using Microsoft.EntityFrameworkCore;
using Operators.Contracts;
using Operators.Contracts.Membership;
using Operators.Membership.Persistence;
using Operators.Messaging;

namespace Operators.Membership.Subscriptions;

/// <summary>
/// Turns a subscription's steps into what the rest of the system sees, in the caller's unit of work: one
/// <see cref="SubscriptionCharge"/> row per charge (its id is the charge id billing keys on) and one event per step
/// through the outbox. Nothing is written until the caller saves, so a step is recorded whole or not at all.
/// </summary>
public sealed class SubscriptionRecorder(MembershipDbContext db, Outbox<MembershipDbContext> outbox)
{
    public void Record(Subscription s, IEnumerable<SubscriptionStep> steps, string locale, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(steps);
        foreach (var step in steps)
        {
            var charges = step.Charges.Select(line => Charge(s, line, locale, now)).ToList();
            var allowances = (PlanTerms t) => new Allowances(t.DeskDays, t.RoomHours);
            switch (step)
            {
                case ActivatedStep a:
                    outbox.Publish(new MembershipActivated(s.Id, s.MemberId, s.Terms.PlanName, a.Period.Start, a.Period.End, allowances(s.Terms), s.Terms.PlanId, s.CompanyId, charges));
                    break;
                case RenewedStep r:
                    outbox.Publish(new MembershipRenewed(s.Id, s.MemberId, r.Period.Start, r.Period.End, allowances(r.Terms), r.Terms.PlanId, r.Terms.PlanName, s.CompanyId, charges));
                    break;
                case ChangedStep c:
                    outbox.Publish(new MembershipChanged(s.Id, s.MemberId, c.Terms.PlanId, c.Terms.PlanName, c.EffectiveOn, c.Period.Start, c.Period.End, allowances(c.Terms), s.CompanyId, charges));
                    break;
                case PausedStep p:
                    outbox.Publish(new MembershipPaused(s.Id, s.MemberId, p.PausedOn, s.CompanyId, charges));
                    break;
                case ResumedStep r:
                    outbox.Publish(new MembershipResumed(s.Id, s.MemberId, r.Period.Start, r.Period.End, allowances(r.Terms), s.CompanyId, charges));
                    break;
                case CancellingStep c:
                    outbox.Publish(new MembershipCancelling(s.Id, s.MemberId, c.EndsOn, s.CompanyId, charges));
                    break;
                case EndedStep e:
                    outbox.Publish(new MembershipEnded(s.Id, s.MemberId, e.EndedOn, s.CompanyId, charges));
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(steps), step.GetType().Name, "Unknown step.");
            }
        }
    }

    /// <summary>
    /// The first charge of <paramref name="steps"/> the ledger already holds (same subscription, kind and first day, for
    /// the kinds unique so), as "kind from date": recording it would break the ledger's one-charge-per-period rule.
    /// </summary>
    public async Task<string?> AlreadyChargedAsync(Guid subscriptionId, IEnumerable<SubscriptionStep> steps, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var lines = steps.SelectMany(s => s.Charges).Where(c => SubscriptionCharge.UniqueKinds.Contains(c.Kind)).ToList();
        if (lines.Count == 0)
        {
            return null;
        }

        var froms = lines.Select(l => l.Span.Start).Distinct().ToList();
        var existing = await db.SubscriptionCharges.AsNoTracking()
            .Where(c => c.SubscriptionId == subscriptionId && froms.Contains(c.From))
            .Select(c => new { c.Kind, c.From })
            .ToListAsync(ct);
        var clash = lines.FirstOrDefault(l => existing.Any(e => e.Kind == l.Kind && e.From == l.Span.Start));
        return clash is null ? null : $"{clash.Kind} from {clash.Span.Start:yyyy-MM-dd}";
    }

    private MembershipCharge Charge(Subscription s, ChargeLine line, string locale, DateTime now)
    {
        var row = new SubscriptionCharge
        {
            Id = Guid.CreateVersion7(),
            SubscriptionId = s.Id,
            Kind = line.Kind,
            Description = ChargeDescriptions.Describe(line, locale),
            Amount = line.Amount,
            Currency = line.Terms.Currency,
            VatRate = line.Terms.VatRate,
            From = line.Span.Start,
            To = line.Span.End,
            CreatedAt = now,
        };
        db.SubscriptionCharges.Add(row);
        return new MembershipCharge(row.Id, row.Kind, row.Description, new Money(row.Amount, row.Currency), row.VatRate, row.From, row.To);
    }
}
