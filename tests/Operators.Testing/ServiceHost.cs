using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Reflection;
using MassTransit;
using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy.Messaging;

namespace Operators.Testing;

/// <summary>
/// One service (<c>services/{Service}</c>) as its own process on the given provider, on a RabbitMQ virtual host
/// the tests also publish to (as the other services would), with spaces provisioned through the real
/// provisioning message and clients carrying the gateway's internal token:
/// <code>await using var host = await ServiceHost.StartAsync("Membership", "Postgres");</code>
/// </summary>
public sealed class ServiceHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private BusObserver bus = null!;
    private string? dataPath;
    private Dictionary<string, string> configuration = [];

    private ServiceHost(string service, string provider)
    {
        Service = service;
        Provider = provider;
    }

    /// <summary>The project's name under <c>services/</c>, e.g. <c>Booking</c>.</summary>
    public string Service { get; }

    /// <summary>The service's route prefix and internal-token audience, e.g. <c>booking</c>.</summary>
    public string Audience => Service.ToLowerInvariant();

    public string Provider { get; }

    public string Key { get; } = SigningKeys.Generate();

    public HostProcess Process { get; private set; } = null!;

    /// <summary>Events the service published that the host was asked to observe, with the space header they carried.</summary>
    public ConcurrentQueue<(object Message, string? Tenant)> Published => bus.Published;

    /// <param name="service">The project's name under <c>services/</c>.</param>
    /// <param name="provider"><c>Sqlite</c> or <c>Postgres</c> (a fresh database either way).</param>
    /// <param name="extra">Configuration on top of the defaults (short job and outbox polling).</param>
    /// <param name="observe">The messages the service publishes that a test wants to see in <see cref="Published"/>.</param>
    /// <param name="shared">A virtual host other services of the test use too (they then talk to each other); the caller disposes it.</param>
    public static async Task<ServiceHost> StartAsync(
        string service, string provider, IReadOnlyDictionary<string, string>? extra = null, Action<BusObserver.Subscriptions>? observe = null,
        TestVirtualHost? shared = null)
    {
        ArgumentNullException.ThrowIfNull(service);
        var host = new ServiceHost(service, provider);
        try
        {
            var vhost = shared ?? await TestRabbitMq.CreateVirtualHostAsync();
            if (shared is null)
            {
                host.owned.Add(vhost);
            }

            var settings = new Dictionary<string, string>(vhost.BusSettings)
            {
                ["InternalAuth:SigningKey"] = host.Key,
                ["Database:Provider"] = provider,
                ["Jobs:PollInterval"] = "00:00:01",
                ["Outbox:PollInterval"] = "00:00:00.200",
            };
            if (provider == "Postgres")
            {
                var database = await TestPostgres.CreateDatabaseAsync(host.Audience);
                host.owned.Add(database);
                settings[$"ConnectionStrings:{service}"] = database.ConnectionString;
            }
            else
            {
                host.dataPath = Path.Combine(Path.GetTempPath(), $"operators-{host.Audience}-" + Guid.NewGuid().ToString("N")[..8]);
                settings["Data:Path"] = host.dataPath;
            }

            foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            host.configuration = settings;
            host.Process = await HostProcess.StartAsync(service, settings);
            host.bus = await BusObserver.StartAsync(vhost, observe ?? (_ => { }));
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Kills the service (SIGKILL) and starts it again on the same database and broker: a crash and the restart that
    /// follows. Clients made before point at the old process: make new ones.
    /// </summary>
    public async Task CrashAndRestartAsync()
    {
        await Process.KillAsync();
        await Process.DisposeAsync();
        Process = await HostProcess.StartAsync(Service, configuration);
    }

    /// <summary>Provisions a new space through the provisioning message and waits until the service serves it.</summary>
    public async Task<Guid> ProvisionSpaceAsync(string slug, string timeZone = "Europe/Paris", string template = "urban-coworking")
    {
        var id = Guid.NewGuid();
        await bus.Bus.Publish(new SpaceProvisioningRequested(id, slug, slug, template, "fr-FR", timeZone, "EUR"));
        await WaitForSpaceAsync(id, slug);
        return id;
    }

    /// <summary>Waits until the service serves the space (provisioned by another host of the same virtual host, say).</summary>
    public async Task WaitForSpaceAsync(Guid id, string slug)
    {
        using var client = Client(id, Guid.NewGuid(), SpaceRoles.Operator);
        await Eventually.MatchAsync(
            async () => (await client.GetAsync(new Uri($"/api/{Audience}/space", UriKind.Relative))).StatusCode,
            s => s == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"space {slug} to be provisioned");
    }

    /// <summary>
    /// Publishes an event in a space, as another service would (tenant header included). <paramref name="sentAt"/>
    /// backdates the message, as one sent long ago and delivered late (consumers that keep only the latest compare it);
    /// <paramref name="writtenAt"/> stamps it as an outbox relay does, as one written long ago and relayed just now.
    /// </summary>
    public Task PublishAsync<T>(Guid space, T message, Guid? messageId = null, DateTimeOffset? sentAt = null, DateTimeOffset? writtenAt = null)
        where T : class =>
        bus.Bus.Publish(message, context =>
        {
            context.Headers.Set(TenantHeaders.TenantId, space.ToString());
            if (writtenAt is not null)
            {
                context.Headers.Set(MessageTimes.WrittenAtHeader, writtenAt.Value.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (messageId is not null)
            {
                context.MessageId = messageId;
            }

            if (sentAt is not null)
            {
                // MassTransit stamps the send time itself and offers no public way to set it: its base send context has a setter.
                var type = context.GetType();
                while (type is not null && type.GetProperty(nameof(context.SentTime), BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)?.SetMethod is null)
                {
                    type = type.BaseType;
                }

                var sentTime = type?.GetProperty(nameof(context.SentTime), BindingFlags.Instance | BindingFlags.Public | BindingFlags.DeclaredOnly)!.SetMethod
                    ?? throw new InvalidOperationException($"MassTransit's {context.GetType().Name} has no settable send time any more.");
                sentTime.Invoke(context, [(DateTime?)sentAt.Value.UtcDateTime]);
            }
        });

    /// <summary>A client calling the service as the gateway would for this person, minting a fresh internal token per request.</summary>
    public HttpClient Client(Guid space, Guid? person, params string[] roles) =>
        new(new InternalTokenHandler(Key, Audience, space, person, roles) { InnerHandler = new SocketsHttpHandler() })
        {
            BaseAddress = Process.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.DisposeAsync();
        }

        if (Process is not null)
        {
            await Process.DisposeAsync();
        }

        foreach (var item in owned.AsEnumerable().Reverse())
        {
            await item.DisposeAsync();
        }

        if (dataPath is not null && Directory.Exists(dataPath))
        {
            Directory.Delete(dataPath, recursive: true);
        }
    }

    private sealed class InternalTokenHandler(string key, string audience, Guid space, Guid? person, string[] roles) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Internal(key, audience, space, person?.ToString(), roles));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
