using MassTransit;
using Operators.Billing.Persistence;
using Operators.Contracts.Booking;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Billing.Charges;

/// <summary>
/// A day pass sold and paid at the desk: a charge for the member (or their company), or for the guest, who becomes a
/// customer known by name and e-mail; then its invoice, issued and marked paid with the method used (<see cref="DeskSales"/>),
/// all in the message's transaction.
/// </summary>
public sealed class DayPassSoldConsumer(BillingDbContext db, ChargeBook charges, DeskSales sales, TimeProvider clock, ILogger<DayPassSoldConsumer> logger)
    : IdempotentConsumer<DayPassSold, BillingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<DayPassSold> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var m = context.Message;
        var ct = context.CancellationToken;
        if (m.Price.Amount <= 0m)
        {
            return;
        }

        var charge = await charges.AddDayPassAsync(m.DayPassId, m.Date, m.MemberId, m.Guest?.Name, m.Guest?.Email, m.Price.Amount, m.VatRate, m.PaidWith, ct);
        if (charge is null)
        {
            return;
        }

        await Db.SaveChangesAsync(ct);
        if (await sales.SettleAsync(charge.Id, ct) is { } refusal)
        {
            Logger.LogWarning("Day pass {DayPassId} sold at the desk not invoiced yet: {Refusal}", m.DayPassId, refusal);
        }
    }
}

public sealed class DayPassSoldConsumerDefinition : ServiceConsumerDefinition<DayPassSoldConsumer>;
