using MassTransit;
using Microsoft.EntityFrameworkCore;
using Operators.Booking.Persistence;
using Operators.Contracts.Membership;
using Operators.Messaging;
using Operators.ServiceDefaults.Bus;

namespace Operators.Booking.Presence;

/// <summary>Keeps the name and both opt-ins of members, as membership publishes them.</summary>
public sealed class MemberProfileChangedConsumer(BookingDbContext db, TimeProvider clock, ILogger<MemberProfileChangedConsumer> logger)
    : IdempotentConsumer<MemberProfileChanged, BookingDbContext>(db, clock, logger)
{
    protected override async Task HandleAsync(ConsumeContext<MemberProfileChanged> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var message = context.Message;
        var profile = await Db.MemberProfiles.FirstOrDefaultAsync(p => p.MemberId == message.MemberId, context.CancellationToken);
        if (profile is null)
        {
            profile = new MemberProfile { MemberId = message.MemberId, DisplayName = message.DisplayName };
            Db.MemberProfiles.Add(profile);
        }
        else if (profile.ErasedAt is { } erasedAt)
        {
            // Published before the erasure, delivered after it: the person's name stays gone. Published after it: the
            // space added the person again, and this is their new profile.
            if (context.WrittenAt() is not { } sent || sent <= erasedAt)
            {
                Logger.LogInformation("Profile of erased member {MemberId} ignored", message.MemberId);
                return;
            }

            profile.ErasedAt = null;
        }

        profile.DisplayName = message.DisplayName;
        profile.DirectoryOptIn = message.DirectoryOptIn;
        profile.PresenceOptIn = message.PresenceOptIn;
    }
}

/// <summary>Its endpoint: the services' retries, then the message's space restored (see <see cref="ServiceConsumerDefinition{TConsumer}"/>).</summary>
public sealed class MemberProfileChangedConsumerDefinition : ServiceConsumerDefinition<MemberProfileChangedConsumer>;
