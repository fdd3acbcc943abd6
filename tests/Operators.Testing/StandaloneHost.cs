using System.Text.Json.Nodes;

namespace Operators.Testing;

/// <summary>The standalone host as a user runs it: <c>--data</c> and nothing else.</summary>
public sealed class StandaloneHost : IAsyncDisposable
{
    private StandaloneHost(HostProcess process, string dataPath, bool ownsData)
    {
        Process = process;
        DataPath = dataPath;
        OwnsData = ownsData;
    }

    public HostProcess Process { get; }

    public string DataPath { get; }

    private bool OwnsData { get; }

    public const string AdminEmail = "admin@operators.local";

    /// <summary>The generated admin password, read from the data folder like a user would.</summary>
    public string AdminPassword =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(DataPath, "secrets.json")))!["Bootstrap"]!["AdminPassword"]!.GetValue<string>();

    public static async Task<StandaloneHost> StartAsync(
        string? dataPath = null, IReadOnlyDictionary<string, string>? configuration = null, string urls = "http://127.0.0.1:0", bool demo = false)
    {
        var owns = dataPath is null;
        dataPath ??= Path.Combine(Path.GetTempPath(), "operators-test-" + Guid.NewGuid().ToString("N")[..8]);
        // Tests sign in far more often than people do; the rate-limit tests set their own limit.
        var settings = new Dictionary<string, string> { ["Auth:RateLimit:PermitLimit"] = "100000" };
        foreach (var (key, value) in configuration ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        string[] args = demo ? ["--data", dataPath, "--urls", urls, "--demo"] : ["--data", dataPath, "--urls", urls];
        var process = await HostProcess.StartAsync("Standalone", settings, args);
        return new StandaloneHost(process, dataPath, owns);
    }

    /// <summary>Where the host writes its emails (no SMTP server in tests).</summary>
    public string MailFolder => Path.Combine(DataPath, "mail");

    public async Task<OperatorsClient> AdminClientAsync()
    {
        var client = new OperatorsClient(Process.BaseAddress);
        await client.SignInAsync(AdminEmail, AdminPassword);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        await Process.DisposeAsync();
        if (OwnsData && Directory.Exists(DataPath))
        {
            Directory.Delete(DataPath, recursive: true);
        }
    }
}
