using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Booking.Presence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Members;

/// <summary>
/// A member erased (GDPR art. 17): booking keeps what it owes the accounts — bookings, day passes, RSVPs and
/// allowance periods, linked by the person's id only — and forgets what names them: the profile's name and
/// opt-ins, the guest name and email of their day passes, their calendar feed (its secret address stops working).
/// </summary>
public sealed class MemberErasedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MemberErasedConsumer> logger)
    : IdempotentConsumer<MemberErased, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberErased> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var memberId = context.Message.MemberId;
        var ct = context.CancellationToken;

        // Kept as a tombstone even when booking never had the profile: a profile message in flight must not create it.
        var profile = await Db.MemberProfiles.FirstOrDefaultAsync(p => p.MemberId == memberId, ct);
        if (profile is null)
        {
            profile = new MemberProfile { MemberId = memberId, DisplayName = MemberProfile.ErasedName };
            Db.MemberProfiles.Add(profile);
        }

        profile.DisplayName = MemberProfile.ErasedName;
        profile.DirectoryOptIn = false;
        profile.PresenceOptIn = false;
        profile.ErasedAt = context.Message.ErasedAt.UtcDateTime;

        foreach (var pass in await Db.DayPasses.Where(p => p.MemberId == memberId && (p.GuestName != null || p.GuestEmail != null)).ToListAsync(ct))
        {
            pass.GuestName = null;
            pass.GuestEmail = null;
        }

        Db.CalendarFeeds.RemoveRange(await Db.CalendarFeeds.Where(f => f.MemberId == memberId).ToListAsync(ct));
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberErasedConsumerDefinition : ServiceConsumerDefinition<MemberErasedConsumer>;
