namespace Operators.Messaging;

/// <summary>Configuration section <c>Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>How often the relay looks for rows when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int BatchSize { get; set; } = 50;

    /// <summary>After a wake-up, how long the relay lets other commits join the batch (fewer round trips under load).</summary>
    public TimeSpan BatchDelay { get; set; } = TimeSpan.FromMilliseconds(25);

    /// <summary>How long one publish may wait for the broker before the row is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest wait between two attempts of one row (backoff doubles up to it).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sent outbox rows and inbox rows older than this are deleted.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);
}
