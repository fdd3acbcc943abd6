using Microsoft.Extensions.Caching.Memory;
using Operators.Contracts.Spaces;
using Operators.Gateway.Persistence;
using Operators.Messaging;
using Operators.Tenancy;

namespace Operators.Gateway.Spaces;

/// <summary>
/// The provisioning state machine of a space: provisioning → active when every step completed, → failed
/// when one failed or time ran out. Terminal states do not move again. Callers save the context.
/// </summary>
public sealed class ProvisioningProgress(Outbox<GatewayDbContext> outbox, IMemoryCache cache, TimeProvider clock)
{
    public void StepAnswered(SpaceRecord space, SpaceProvisioningStepCompleted answer)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(answer);
        if (space.Status != TenantStatus.Provisioning || !ProvisioningSteps.All.Contains(answer.Step))
        {
            return;
        }

        space.SetStep(answer.Step, answer.Succeeded ? StepStatus.Completed : StepStatus.Failed);
        if (!answer.Succeeded)
        {
            Fail(space, $"The {answer.Step} service could not provision the space: {answer.Error ?? "no reason given"}.");
        }
        else if (ProvisioningSteps.All.All(step => space.StepOf(step) == StepStatus.Completed))
        {
            space.Status = TenantStatus.Active;
            space.ActivatedAt = clock.GetUtcNow().UtcDateTime;
            space.Version++;
            outbox.Publish(new SpaceProvisioned(space.Id, space.Slug));
            Forget(space);
        }
        else
        {
            space.Version++;
        }
    }

    public void TimedOut(SpaceRecord space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.Status != TenantStatus.Provisioning)
        {
            return;
        }

        var missing = ProvisioningSteps.All.Where(step => space.StepOf(step) == StepStatus.Pending).ToList();
        foreach (var step in missing)
        {
            space.SetStep(step, StepStatus.TimedOut);
        }

        Fail(space, "No answer in time from: " + string.Join(", ", missing) + ".");
    }

    private void Fail(SpaceRecord space, string reason)
    {
        space.Status = TenantStatus.Failed;
        space.FailureReason = reason;
        space.Version++;
        outbox.Publish(new SpaceProvisioningFailed(space.Id, space.Slug, reason));
        Forget(space);
    }

    // A lookup made while the space was provisioning may be cached as "not active": drop it.
    private void Forget(SpaceRecord space) => CachedTenantStore.Invalidate(cache, space.Slug, space.Id.ToString());
}
