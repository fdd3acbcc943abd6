using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Operators.Tenancy;

namespace Operators.Messaging;

/// <summary>
/// Publishes committed outbox rows in order and marks them sent. When the broker is unreachable a row is
/// retried with a doubling backoff; rows are durable, so a restart resumes where the last run stopped.
/// A crash between publish and mark re-publishes with the same message id, which inboxes ignore.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopes,
    IBusControl bus,
    IHostApplicationLifetime lifetime,
    OutboxSignal<TContext> signal,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private DateTime nextCleanup = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!await WaitForBusAsync(stoppingToken))
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await DispatchBatchAsync(settings, stoppingToken) == settings.BatchSize;
                await CleanupAsync(settings, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The relay must outlive any failure (database restart, broker outage): it logs and tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRelayFailed(logger, ex, typeof(TContext).Name);
            }

            if (!full)
            {
                try
                {
                    if (await signal.WaitAsync(settings.PollInterval, stoppingToken) && settings.BatchDelay > TimeSpan.Zero)
                    {
                        await Task.Delay(settings.BatchDelay, stoppingToken);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>
    /// Publishing before this host's receive endpoints have bound their queues would drop the events its own
    /// consumers wait for, so the relay starts once the host has started and the bus has been healthy once.
    /// Later outages are handled row by row, with backoff.
    /// </summary>
    private async Task<bool> WaitForBusAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Timeout.Infinite, lifetime.ApplicationStarted).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(stoppingToken);
            while (await bus.WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(5)) != BusHealthStatus.Healthy)
            {
                stoppingToken.ThrowIfCancellationRequested();
            }

            return true;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Publishes due rows; stops at the first failure so later rows keep their order behind it.</summary>
    internal async Task<int> DispatchBatchAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var publisher = scope.ServiceProvider.GetRequiredService<IPublishEndpoint>();
        var tenants = scope.ServiceProvider.GetRequiredService<ITenantContext>();
        var now = clock.GetUtcNow().UtcDateTime;

        var due = await db.Set<OutboxMessage>()
            .Where(m => m.SentAt == null && m.NextAttemptAt <= now)
            .OrderBy(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var row in due)
        {
            try
            {
                await PublishAsync(row, publisher, tenants, settings.PublishTimeout, cancellationToken);
                row.SentAt = clock.GetUtcNow().UtcDateTime;
                sent++;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                row.Attempts++;
                row.LastError = ex.Message.Length > 2000 ? ex.Message[..2000] : ex.Message;
                row.NextAttemptAt = clock.GetUtcNow().UtcDateTime + Backoff(row.Attempts, settings.MaxBackoff);
                LogPublishFailed(logger, ex, row.MessageType, row.Attempts);
                break;
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        return sent;
    }

    private static async Task PublishAsync(OutboxMessage row, IPublishEndpoint publisher, ITenantContext tenants, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var type = MessageTypeNames.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, type, Outbox<TContext>.Json)
            ?? throw new InvalidOperationException($"Outbox row {row.Id} has an empty body.");
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);

        using (row.TenantId is { } tenantId ? tenants.Change(tenantId) : null)
        {
            await publisher.Publish(message, type, Pipe.Execute<PublishContext>(context =>
            {
                context.MessageId = row.MessageId;
                context.Headers.Set(MessageTimes.WrittenAtHeader, MessageTimes.Format(row.CreatedAt));
            }), timeoutSource.Token);
        }
    }

    internal static TimeSpan Backoff(int attempts, TimeSpan max)
    {
        var seconds = Math.Min(max.TotalSeconds, Math.Pow(2, Math.Min(attempts, 16) - 1) * 0.5);
        return TimeSpan.FromSeconds(seconds);
    }

    private async Task CleanupAsync(OutboxOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (now < nextCleanup)
        {
            return;
        }

        nextCleanup = now.AddHours(1);
        var cutoff = now - settings.Retention;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await db.Set<OutboxMessage>().Where(m => m.SentAt != null && m.SentAt < cutoff).ExecuteDeleteAsync(cancellationToken);
        await db.Set<InboxMessage>().Where(m => m.ProcessedAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox relay of {Context} failed; it will try again")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, string context);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing {MessageType} from the outbox failed (attempt {Attempts}); will retry")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, string messageType, int attempts);
}
