using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.Booking.Persistence;
using Operators.ServiceDefaults.Spaces;

namespace Operators.Booking.Spaces;

/// <summary>The booking service's step of provisioning a space.</summary>
public sealed class ProvisionSpaceConsumer(BookingDbContext db, Outbox<BookingDbContext> outbox, TimeProvider clock, ILogger<ProvisionSpaceConsumer> logger)
    : SpaceProvisioningConsumer<BookingDbContext>(db, outbox, clock, logger)
{
    protected override string Step => ProvisioningSteps.Booking;
}
