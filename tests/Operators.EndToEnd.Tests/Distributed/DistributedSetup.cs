namespace Operators.EndToEnd.Tests.Distributed;

/// <summary>
/// One distributed stack (four processes on PostgreSQL and RabbitMQ) for every fixture of this namespace:
/// starting one takes tens of seconds, and the fixtures work in spaces of their own.
/// </summary>
[SetUpFixture]
public sealed class DistributedSetup
{
    private static DistributedHosts? stack;

    public static DistributedHosts Hosts => stack ?? throw new InvalidOperationException("The distributed stack has not started.");

    [OneTimeSetUp]
    public async Task Start() => stack = await DistributedHosts.StartAsync();

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (stack is not null)
        {
            await stack.DisposeAsync();
        }
    }

    /// <summary>For a fixture's tear-down: every process's output when one of its tests failed.</summary>
    public static async Task ReportIfFailedAsync()
    {
        if (TestContext.CurrentContext.Result.FailCount > 0 && stack is not null)
        {
            await TestContext.Out.WriteLineAsync(stack.Logs);
        }
    }
}
