using Microsoft.EntityFrameworkCore;

namespace Operators.Messaging;

public static class MessagingModelExtensions
{
    /// <summary>Adds the outbox and inbox tables to a service's model.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(outbox =>
        {
            outbox.ToTable("outbox_messages");
            outbox.HasKey(m => m.Id);
            outbox.Property(m => m.MessageType).HasMaxLength(512);
            outbox.Property(m => m.LastError).HasMaxLength(2000);
            outbox.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
        });
        modelBuilder.Entity<InboxMessage>(inbox =>
        {
            inbox.ToTable("inbox_messages");
            inbox.HasKey(m => new { m.MessageId, m.Consumer });
            inbox.Property(m => m.Consumer).HasMaxLength(256);
            inbox.HasIndex(m => m.ProcessedAt);
        });
        return modelBuilder;
    }
}
