namespace Operators.Messaging;

/// <summary>Wakes a context's relay as soon as a transaction with outbox rows commits, instead of at the next poll.</summary>
public sealed class OutboxSignal<TContext> : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Notify()
    {
        if (signal.CurrentCount == 0)
        {
            try
            {
                signal.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another writer woke the relay at the same moment: one wake-up is enough.
            }
        }
    }

    public void Dispose() => signal.Dispose();

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => signal.WaitAsync(timeout, cancellationToken);
}
