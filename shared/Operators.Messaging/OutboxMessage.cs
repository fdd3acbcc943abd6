namespace Operators.Messaging;

/// <summary>An integration event waiting to be published, written in the same transaction as the change it reports.</summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }

    /// <summary>The MassTransit message id: kept across re-publications so inboxes recognise a repeat.</summary>
    public Guid MessageId { get; set; }

    public Guid? TenantId { get; set; }

    public required string MessageType { get; set; }

    public required string Body { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime? SentAt { get; set; }

    public int Attempts { get; set; }

    public string? LastError { get; set; }
}
