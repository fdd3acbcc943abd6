using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Operators.Tenancy;

namespace Operators.Messaging;

/// <summary>
/// Publishes through the database: <see cref="Publish{T}"/> adds a row to the context, and the caller's own
/// <c>SaveChanges</c> commits it with the state change — or not at all. The relay sends it afterwards.
/// </summary>
public sealed class Outbox<TContext>(TContext db, ITenantContext tenants, TimeProvider clock, OutboxSignal<TContext> signal)
    where TContext : DbContext
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private bool subscribed;

    public void Publish<T>(T message)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            MessageId = Guid.NewGuid(),
            TenantId = tenants.TenantId,
            MessageType = MessageTypeNames.NameOf(typeof(T)),
            Body = JsonSerializer.Serialize(message, Json),
            CreatedAt = now,
            NextAttemptAt = now,
        });

        if (!subscribed)
        {
            subscribed = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }

    /// <summary>
    /// Deletes the current space's already-sent messages that mention <paramref name="subject"/> (a person being
    /// erased): their bodies hold the name, email or address the erasure removes, and nobody needs them once sent.
    /// Messages not yet sent stay and go out; the erasure's own message follows them.
    /// </summary>
    public Task<int> ForgetSentAboutAsync(Guid subject, CancellationToken ct)
    {
        var tenant = tenants.TenantId;
        var mention = subject.ToString("D");
        return db.Set<OutboxMessage>()
            .Where(m => m.TenantId == tenant && m.SentAt != null && m.Body.Contains(mention))
            .ExecuteDeleteAsync(ct);
    }
}
