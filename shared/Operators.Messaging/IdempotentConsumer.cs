using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Operators.Messaging;

/// <summary>
/// A consumer whose effect happens once per message, however often the broker delivers it: the inbox row
/// (message id, consumer) is inserted in the same transaction as the handler's changes and outbox rows.
/// A second delivery finds the row and does nothing; two concurrent deliveries collide on its key and the
/// loser's transaction rolls back.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TContext>(TContext db, TimeProvider clock, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
    where TContext : DbContext
{
    protected TContext Db => db;

    protected TimeProvider Clock => clock;

    protected ILogger Logger => logger;

    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} has no message id.");
        var consumer = GetType().FullName!;
        var ct = context.CancellationToken;

        if (await AlreadyHandledAsync(messageId, consumer, ct))
        {
            logger.LogInformation("{Consumer} already handled message {MessageId}; skipped", consumer, messageId);
            return;
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                await HandleAsync(context);
                // Added after the handler, which may clear its own changes to answer a failure instead.
                db.Set<InboxMessage>().Add(new InboxMessage { MessageId = messageId, Consumer = consumer, ProcessedAt = clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return;
            }
            catch (DbUpdateException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                if (!await AlreadyHandledAsync(messageId, consumer, ct))
                {
                    throw;
                }
            }
        }

        logger.LogInformation("{Consumer} lost a race for message {MessageId} to a concurrent delivery; skipped", consumer, messageId);
    }

    /// <summary>Makes the message's changes on <see cref="Db"/> (and outbox rows); the base class saves and commits.</summary>
    protected abstract Task HandleAsync(ConsumeContext<TMessage> context);

    private Task<bool> AlreadyHandledAsync(Guid messageId, string consumer, CancellationToken ct) =>
        db.Set<InboxMessage>().AsNoTracking().AnyAsync(m => m.MessageId == messageId && m.Consumer == consumer, ct);
}
