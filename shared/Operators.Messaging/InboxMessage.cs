namespace Operators.Messaging;

/// <summary>A message a consumer has handled; its key makes a redelivery a no-op.</summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; set; }

    public required string Consumer { get; set; }

    public DateTime ProcessedAt { get; set; }
}
