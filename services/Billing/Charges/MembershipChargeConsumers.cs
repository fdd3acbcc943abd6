using MassTransit;
using Operators.Billing.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Charges;

/// <summary>
/// A subscription's charges (periods, setup fees, prorations, commitments), as membership computed them: one charge
/// each, keyed by membership's stable charge id, billed to the company that pays for the seat or else the member.
/// One class per event, as MassTransit binds a consumer to its message type; each only says where its charges are.
/// </summary>
public abstract class MembershipChargesConsumer<TMessage>(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger logger)
    : IdempotentConsumer<TMessage, BillingDbContext>(db, clock, logger)
    where TMessage : class
{
    protected abstract (Guid MemberId, Guid? CompanyId, IReadOnlyList<MembershipCharge>? Charges) Of(TMessage message);

    protected override async Task HandleAsync(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (member, company, list) = Of(context.Message);
        foreach (var c in list ?? [])
        {
            if (c.Amount.Amount == 0m)
            {
                continue;
            }

            await charges.AddAsync(new Charge
            {
                Source = ChargeSource.Membership,
                SourceId = c.Id,
                CustomerId = company ?? member,
                MemberId = member,
                Description = c.Description,
                UnitPrice = c.Amount.Amount,
                VatRate = c.VatRate,
                Date = c.From,
                ServiceFrom = c.From,
                // Membership's periods are [From, To); an invoice states the last day served.
                ServiceTo = c.To > c.From ? c.To.AddDays(-1) : c.From,
            }, context.CancellationToken);
        }
    }
}

public sealed class MembershipActivatedChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipActivatedChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipActivated>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipActivated m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipRenewedChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipRenewedChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipRenewed>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipRenewed m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipChangedChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipChangedChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipChanged>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipChanged m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipPausedChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipPausedChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipPaused>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipPaused m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipResumedChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipResumedChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipResumed>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipResumed m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipCancellingChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipCancellingChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipCancelling>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipCancelling m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipEndedChargesConsumer(BillingDbContext db, ChargeBook charges, TimeProvider clock, ILogger<MembershipEndedChargesConsumer> logger)
    : MembershipChargesConsumer<MembershipEnded>(db, charges, clock, logger)
{
    protected override (Guid, Guid?, IReadOnlyList<MembershipCharge>?) Of(MembershipEnded m) => (m.MemberId, m.CompanyId, m.Charges);
}

public sealed class MembershipActivatedChargesConsumerDefinition : ServiceConsumerDefinition<MembershipActivatedChargesConsumer>;

public sealed class MembershipRenewedChargesConsumerDefinition : ServiceConsumerDefinition<MembershipRenewedChargesConsumer>;

public sealed class MembershipChangedChargesConsumerDefinition : ServiceConsumerDefinition<MembershipChangedChargesConsumer>;

public sealed class MembershipPausedChargesConsumerDefinition : ServiceConsumerDefinition<MembershipPausedChargesConsumer>;

public sealed class MembershipResumedChargesConsumerDefinition : ServiceConsumerDefinition<MembershipResumedChargesConsumer>;

public sealed class MembershipCancellingChargesConsumerDefinition : ServiceConsumerDefinition<MembershipCancellingChargesConsumer>;

public sealed class MembershipEndedChargesConsumerDefinition : ServiceConsumerDefinition<MembershipEndedChargesConsumer>;
