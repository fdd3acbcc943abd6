using Operators.Contracts.People;
using Operators.ServiceDefaults.Security;

namespace Operators.Testing;

/// <summary>
/// Gateway, booking, membership and billing as four processes on PostgreSQL (a database each) and RabbitMQ
/// (a virtual host of their own) — the shape of production, on this machine.
/// </summary>
public sealed class DistributedHosts : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];

    public const string AdminEmail = "admin@operators.test";
    public const string AdminPassword = "Admin-Pa55word!";

    public HostProcess Gateway { get; private set; } = null!;

    public IReadOnlyDictionary<string, HostProcess> Services { get; private set; } = null!;

    /// <summary>The key the gateway signs internal tokens with: what a stolen or forged internal token would carry.</summary>
    public string InternalKey { get; private set; } = null!;

    /// <summary>A subscriber of the stack's RabbitMQ virtual host, bound to the gateway's people events.</summary>
    public BusObserver Observer { get; private set; } = null!;

    /// <summary>Where the gateway writes its emails.</summary>
    public static string MailFolder { get; } = Path.Combine(Path.GetTempPath(), "operators-mail-" + Guid.NewGuid().ToString("N")[..8]);

    public static async Task<DistributedHosts> StartAsync(IReadOnlyDictionary<string, string>? gatewaySettings = null)
    {
        var stack = new DistributedHosts();
        try
        {
            var vhost = await TestRabbitMq.CreateVirtualHostAsync();
            stack.owned.Add(vhost);
            var internalKey = SigningKeys.Generate();
            stack.InternalKey = internalKey;
            stack.Observer = await BusObserver.StartAsync(vhost, o => o.Observe<PersonJoinedSpace>().Observe<PersonRolesChanged>());
            stack.owned.Add(stack.Observer);
            var services = new Dictionary<string, HostProcess>();
            foreach (var name in new[] { "Booking", "Membership", "Billing" })
            {
                services[name.ToLowerInvariant()] = await stack.StartServiceAsync(name, vhost, internalKey, []);
            }

            var settings = new Dictionary<string, string>
            {
                ["Auth:SigningKey"] = SigningKeys.Generate(),
                ["Bootstrap:AdminEmail"] = AdminEmail,
                ["Email:PickupDirectory"] = MailFolder,
                ["Auth:RateLimit:PermitLimit"] = "100000",
                ["Bootstrap:AdminPassword"] = AdminPassword,
                ["Jobs:Storage"] = "Postgres",
            };
            foreach (var (name, host) in services)
            {
                settings[$"Services:{name}:Url"] = host.BaseAddress.ToString();
            }

            foreach (var (key, value) in gatewaySettings ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            stack.Services = services;
            stack.Gateway = await stack.StartServiceAsync("Gateway", vhost, internalKey, settings);
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    private async Task<HostProcess> StartServiceAsync(string name, TestVirtualHost vhost, string internalKey, Dictionary<string, string> extra)
    {
        var database = await TestPostgres.CreateDatabaseAsync(name.ToLowerInvariant());
        owned.Add(database);
        var settings = new Dictionary<string, string>(vhost.BusSettings)
        {
            ["Database:Provider"] = "Postgres",
            ["Database:MigrateOnStart"] = "true",
            [$"ConnectionStrings:{name}"] = database.ConnectionString,
            ["InternalAuth:SigningKey"] = internalKey,
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        var host = await HostProcess.StartAsync(name, settings);
        owned.Add(host);
        return host;
    }

    public OperatorsClient Client() => new(Gateway.BaseAddress);

    public async Task<OperatorsClient> AdminClientAsync()
    {
        var client = Client();
        await client.SignInAsync(AdminEmail, AdminPassword);
        return client;
    }

    /// <summary>Everything each process printed, for a failing test's report.</summary>
    public string Logs => string.Join(Environment.NewLine, owned.OfType<HostProcess>().Select(h => $"===== {h.Name} ====={Environment.NewLine}{h.Output}"));

    public async ValueTask DisposeAsync()
    {
        // Processes first (they hold connections), then their databases and virtual host.
        foreach (var item in owned.OfType<HostProcess>().Reverse())
        {
            await item.DisposeAsync();
        }

        foreach (var item in owned.Where(o => o is not HostProcess).Reverse())
        {
            await item.DisposeAsync();
        }
    }
}
