using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Operators.Messaging;

public static class MessagingModelExtensions
{
    /// <summary>Adds the outbox and inbox tables to a service's model.</summary>
    public static ModelBuilder AddOutboxAndInbox(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder
            .ApplyConfiguration(new OutboxMessageConfiguration())
            .ApplyConfiguration(new InboxMessageConfiguration());
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.MessageType).HasMaxLength(512);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // The relay's query: unsent rows whose next attempt is due.
        builder.HasIndex(m => new { m.SentAt, m.NextAttemptAt });
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        // One row per (message, consumer): two consumers of one message each handle it once.
        builder.HasKey(m => new { m.MessageId, m.Consumer });
        builder.Property(m => m.Consumer).HasMaxLength(256);
        builder.HasIndex(m => m.ProcessedAt);
    }
}
