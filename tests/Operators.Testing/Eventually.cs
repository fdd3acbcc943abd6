namespace Operators.Testing;

/// <summary>Waits for an asynchronous outcome (a message consumed, a space activated) without fixed sleeps.</summary>
public static class Eventually
{
    public static async Task<T> MatchAsync<T>(Func<Task<T>> probe, Func<T, bool> done, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(probe);
        ArgumentNullException.ThrowIfNull(done);
        var deadline = DateTime.UtcNow + timeout;
        T last;
        while (true)
        {
            last = await probe();
            if (done(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Gave up waiting for {what} after {timeout.TotalSeconds:0}s; last seen: {last}");
            }

            await Task.Delay(100);
        }
    }
}
