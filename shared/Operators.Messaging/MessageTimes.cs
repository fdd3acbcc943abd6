using System.Globalization;
using MassTransit;

namespace Operators.Messaging;

/// <summary>
/// When a message's fact was written. The outbox relay publishes a row when it can — seconds, or a broker outage,
/// after the transaction that wrote it — so MassTransit's send time is when it left, not when it happened. The relay
/// adds the row's own time as a header; consumers that keep only the latest state (or refuse what predates an
/// erasure) compare this.
/// </summary>
public static class MessageTimes
{
    public const string WrittenAtHeader = "Operators-Written-At";

    /// <summary>The outbox row's time when the message came through an outbox, else its send time, else null.</summary>
    public static DateTime? WrittenAt(this ConsumeContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Headers.Get<string>(WrittenAtHeader) is { } written
            && DateTime.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : context.SentTime;
    }

    internal static string Format(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
