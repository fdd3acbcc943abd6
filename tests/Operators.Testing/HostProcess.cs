using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Operators.Testing;

/// <summary>
/// One of our hosts running as a real process (as in production), on a port it picks itself. Its output is
/// kept so a failing test can show it.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(string name, Process process)
    {
        Name = name;
        this.process = process;
    }

    public string Name { get; }

    /// <summary>When <c>OPERATORS_TEST_LOGS</c> names a folder, every host's output is also written there as it comes.</summary>
    private static string? LogFolder { get; } = Environment.GetEnvironmentVariable("OPERATORS_TEST_LOGS") is { Length: > 0 } folder
        ? Directory.CreateDirectory(folder).FullName
        : null;

    /// <summary>
    /// How long a host may take to listen, then to be ready. A host starts in seconds on an idle machine; CI runs
    /// test projects side by side, and a starved one has been seen to need more than a minute.
    /// </summary>
    private static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(2);

    public Uri BaseAddress { get; private set; } = null!;

    public string Output => string.Join(Environment.NewLine, output);

    public bool HasExited => process.HasExited;

    /// <summary>Starts <c>services/{service}</c> with the given configuration (as environment variables) and waits until it is ready.</summary>
    public static async Task<HostProcess> StartAsync(string service, IReadOnlyDictionary<string, string> configuration, IEnumerable<string>? args = null, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepoPaths.Root,
        };
        info.ArgumentList.Add(RepoPaths.HostDll(service));
        foreach (var arg in args ?? [])
        {
            info.ArgumentList.Add(arg);
        }

        if (!configuration.ContainsKey("ASPNETCORE_URLS") && !(args ?? []).Contains("--urls"))
        {
            info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in configuration)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new HostProcess(service, new Process { StartInfo = info, EnableRaisingEvents = true });
        host.process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host.process.Exited += (_, _) => host.listening.TrySetException(new InvalidOperationException($"{service} exited early:{Environment.NewLine}{host.Output}"));
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();

        try
        {
            host.BaseAddress = await host.listening.Task.WaitAsync(timeout ?? DefaultStartTimeout);
            await host.WaitUntilReadyAsync(timeout ?? DefaultStartTimeout);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }

        return host;
    }

    public HttpClient CreateClient() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = CreateClient();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not accepting connections yet.
            }

            if (DateTime.UtcNow > deadline || process.HasExited)
            {
                throw new TimeoutException($"{Name} did not become ready:{Environment.NewLine}{Output}");
            }

            await Task.Delay(200);
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (LogFolder is { } folder)
        {
            lock (output)
            {
                File.AppendAllText(Path.Combine(folder, $"{Name}-{process.Id}.log"), line + Environment.NewLine);
            }
        }

        var match = ListeningLine().Match(line);
        if (match.Success)
        {
            listening.TrySetResult(new Uri(match.Groups["url"].Value.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        }
    }

    /// <summary>Kills the process at once (SIGKILL), as a crash or an out-of-memory kill would: nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Stops the process the way a deployment would (SIGTERM, then kill).</summary>
    public async Task StopAsync()
    {
        if (process.HasExited)
        {
            return;
        }

        using (var term = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await term.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            process.Dispose();
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>http://\S+)")]
    private static partial Regex ListeningLine();
}
