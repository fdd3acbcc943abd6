using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Billing.Customers;
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

        Guid customer;
        if (m.MemberId is { } member)
        {
            customer = await charges.CustomerOfMemberAsync(member, ct);
        }
        else if (m.Guest is { } guest)
        {
            customer = m.DayPassId;
            if (!await Db.Customers.AnyAsync(c => c.Id == customer, ct))
            {
                Db.Customers.Add(new Customer
                {
                    Id = customer, Kind = CustomerKind.Guest, DisplayName = guest.Name,
                    Email = string.IsNullOrWhiteSpace(guest.Email) ? null : guest.Email, UpdatedAt = Clock.GetUtcNow().UtcDateTime,
                });
            }
        }
        else
        {
            Logger.LogWarning("Day pass {DayPassId} was sold to nobody named: not invoiced", m.DayPassId);
            return;
        }

        var french = (await charges.CultureAsync(ct)).TwoLetterISOLanguageName == "fr";
        var day = m.Date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var charge = new Charge
        {
            Source = ChargeSource.DayPass,
            SourceId = m.DayPassId,
            CustomerId = customer,
            MemberId = m.MemberId,
            Description = french ? $"Pass journée du {day}" : $"Day pass, {day}",
            UnitCode = "DAY",
            UnitPrice = m.Price.Amount,
            VatRate = m.VatRate,
            Date = m.Date,
            PaidWith = m.PaidWith,
        };
        if (!await charges.AddAsync(charge, ct))
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
