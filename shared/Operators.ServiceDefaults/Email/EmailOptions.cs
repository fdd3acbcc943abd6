namespace Operators.ServiceDefaults.Email;

/// <summary>Configuration section <c>Email</c>.</summary>
public sealed class EmailOptions
{
    /// <summary>The sender of every message.</summary>
    public string From { get; set; } = "Operators <no-reply@operators.local>";

    /// <summary>When set, messages go out over SMTP; otherwise they are written as .eml files to <see cref="PickupDirectory"/>.</summary>
    public SmtpOptions? Smtp { get; set; }

    /// <summary>Where messages are written when no SMTP server is configured; by default <c>{Data:Path}/mail</c>.</summary>
    public string? PickupDirectory { get; set; }

    /// <summary>After a failed SMTP delivery, the wait before the first retry; it doubles each time, up to an hour.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Delivery attempts before a message is given up (and kept in <c>{pickup}/undelivered</c>).</summary>
    public int MaxAttempts { get; set; } = 12;
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>StartTls (587), SslOnConnect (465) or None (a local relay).</summary>
    public string Security { get; set; } = "StartTls";

    public string? UserName { get; set; }

    public string? Password { get; set; }
}
