using Operators.Booking.Persistence;
using Operators.Booking.Schedule;
using Operators.Booking.Settings;
using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;

namespace Operators.Booking.Spaces;

/// <summary>
/// The booking service's step of provisioning a space: default booking rules and a weekday schedule, so the
/// space is bookable as soon as it has resources. (What each template adds is filled in by a later issue.)
/// </summary>
public sealed class ProvisionSpaceConsumer(
    BookingDbContext db, Outbox<BookingDbContext> outbox, ITenantContext tenants, TimeProvider clock, ILogger<ProvisionSpaceConsumer> logger)
    : SpaceProvisioningConsumer<BookingDbContext>(db, outbox, clock, logger)
{
    protected override string Step => ProvisioningSteps.Booking;

    protected override async Task SeedAsync(SpaceProvisioningRequested request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (tenants.Change(request.SpaceId))
        {
            Db.Settings.Add(new BookingSettings
            {
                // Rural tiers-lieux are mostly associations under the VAT franchise (art. 293 B du CGI).
                DefaultVatRate = request.Template == "rural-tiers-lieu" ? 0m : 20m,
            });
            foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            {
                Db.OpeningPeriods.Add(new OpeningPeriod { Day = day, Open = new TimeOnly(8, 30), Close = new TimeOnly(18, 30) });
            }

            // Saved here, inside the space: tenant-owned rows are only written with their space current.
            await Db.SaveChangesAsync(cancellationToken);
        }
    }
}
