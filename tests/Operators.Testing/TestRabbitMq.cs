using System.Diagnostics;

namespace Operators.Testing;

/// <summary>
/// The real RabbitMQ server the tests use (local, guest/guest). Each fixture gets a virtual host of its own
/// so queues of one test never see another's messages; <see cref="StopAppAsync"/> / <see cref="StartAppAsync"/>
/// take the broker down and back up like an outage. Needs <c>rabbitmqctl</c> (CI runs as root).
/// </summary>
public static class TestRabbitMq
{
    public static string Host { get; } = Environment.GetEnvironmentVariable("OPERATORS_TEST_RABBITMQ") ?? "localhost";

    public static async Task<TestVirtualHost> CreateVirtualHostAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..12];
        await CtlAsync("add_vhost", name);
        await CtlAsync("set_permissions", "-p", name, "guest", ".*", ".*", ".*");
        return new TestVirtualHost(name);
    }

    public static Task StopAppAsync() => CtlAsync("stop_app");

    public static async Task StartAppAsync()
    {
        await CtlAsync("start_app");
        await CtlAsync("await_startup");
    }

    internal static async Task CtlAsync(params string[] args)
    {
        var info = new ProcessStartInfo("rabbitmqctl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("rabbitmqctl could not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }
    }
}

public sealed class TestVirtualHost(string name) : IAsyncDisposable
{
    public string Name { get; } = name;

    /// <summary>The configuration keys that point a host's bus at this virtual host.</summary>
    public IReadOnlyDictionary<string, string> BusSettings => new Dictionary<string, string>
    {
        ["Bus:Transport"] = "RabbitMq",
        ["Bus:RabbitMq:Host"] = TestRabbitMq.Host,
        ["Bus:RabbitMq:VirtualHost"] = Name,
    };

    public async ValueTask DisposeAsync() => await TestRabbitMq.CtlAsync("delete_vhost", Name);
}
