using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Operators.Gateway.Persistence;
using Operators.Tenancy;

namespace Operators.Gateway.Spaces;

/// <summary>Hangfire jobs that fail spaces whose provisioning did not finish in time.</summary>
public sealed class ProvisioningTimeouts(GatewayDbContext db, ProvisioningProgress progress, IOptions<SpaceOptions> options, TimeProvider clock)
{
    public const string SweepJobId = "provisioning-timeouts";

    /// <summary>Scheduled for each new space at creation + timeout.</summary>
    public async Task ExpireAsync(Guid spaceId)
    {
        var space = await db.Spaces.FirstOrDefaultAsync(s => s.Id == spaceId);
        if (space is not null)
        {
            progress.TimedOut(space);
            await db.SaveChangesAsync();
        }
    }

    /// <summary>Recurring: catches spaces whose scheduled job was lost (in-memory job storage across a restart).</summary>
    public async Task SweepAsync()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - options.Value.ProvisioningTimeout;
        var overdue = await db.Spaces.Where(s => s.Status == TenantStatus.Provisioning && s.CreatedAt < cutoff).ToListAsync();
        foreach (var space in overdue)
        {
            progress.TimedOut(space);
        }

        await db.SaveChangesAsync();
    }
}
