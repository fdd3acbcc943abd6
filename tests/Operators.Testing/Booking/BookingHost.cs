using System.Collections.Concurrent;
using System.Net.Http.Headers;
using MassTransit;
using Operators.Contracts.Booking;
using Operators.Contracts.Spaces;
using Operators.ServiceDefaults.Security;
using Operators.Tenancy.Messaging;

namespace Operators.Testing.Booking;

/// <summary>
/// The booking service as its own process on the given provider, on a RabbitMQ virtual host the tests also
/// publish to (membership, profile and payment events, as the other services will), with spaces provisioned
/// through the real provisioning message.
/// </summary>
public sealed class BookingHost : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> owned = [];
    private BusObserver bus = null!;

    public string Key { get; } = SigningKeys.Generate();

    public HostProcess Process { get; private set; } = null!;

    public string Provider { get; private set; } = null!;

    /// <summary>Events the service published, with the space header they carried.</summary>
    public ConcurrentQueue<(object Message, string? Tenant)> Published => bus.Published;

    public static async Task<BookingHost> StartAsync(string provider, IReadOnlyDictionary<string, string>? extra = null)
    {
        var host = new BookingHost { Provider = provider };
        try
        {
            var vhost = await TestRabbitMq.CreateVirtualHostAsync();
            host.owned.Add(vhost);
            var settings = new Dictionary<string, string>(vhost.BusSettings)
            {
                ["InternalAuth:SigningKey"] = host.Key,
                ["Database:Provider"] = provider,
                ["Jobs:PollInterval"] = "00:00:01",
                ["Outbox:PollInterval"] = "00:00:00.200",
            };
            if (provider == "Postgres")
            {
                var database = await TestPostgres.CreateDatabaseAsync("booking");
                host.owned.Add(database);
                settings["ConnectionStrings:Booking"] = database.ConnectionString;
            }
            else
            {
                settings["Data:Path"] = Path.Combine(Path.GetTempPath(), "operators-booking-" + Guid.NewGuid().ToString("N")[..8]);
            }

            foreach (var (key, value) in extra ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }

            host.Process = await HostProcess.StartAsync("Booking", settings);
            host.bus = await BusObserver.StartAsync(vhost, s => s
                .Observe<BookingConfirmed>()
                .Observe<BookingCancelled>()
                .Observe<DayPassSold>()
                .Observe<DayPassRequested>());
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Provisions a new space through the provisioning message and waits until the service serves it.</summary>
    public async Task<Guid> ProvisionSpaceAsync(string slug, string timeZone = "Europe/Paris", string template = "urban-coworking")
    {
        var id = Guid.NewGuid();
        await bus.Bus.Publish(new SpaceProvisioningRequested(id, slug, slug, template, "fr-FR", timeZone, "EUR"));
        using var client = Client(id, Guid.NewGuid(), SpaceRoles.Operator);
        await Eventually.MatchAsync(
            async () => (await client.GetAsync(new Uri("/api/booking/space", UriKind.Relative))).StatusCode,
            s => s == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60), $"space {slug} to be provisioned");
        return id;
    }

    /// <summary>Publishes an event in a space, as another service would (tenant header included).</summary>
    public Task PublishAsync<T>(Guid space, T message, Guid? messageId = null)
        where T : class =>
        bus.Bus.Publish(message, context =>
        {
            context.Headers.Set(TenantHeaders.TenantId, space.ToString());
            if (messageId is not null)
            {
                context.MessageId = messageId;
            }
        });

    /// <summary>A client calling the service as the gateway would for this person, minting a fresh internal token per request.</summary>
    public HttpClient Client(Guid space, Guid? person, params string[] roles) =>
        new(new InternalTokenHandler(Key, space, person, roles) { InnerHandler = new SocketsHttpHandler() })
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
    }

    private sealed class InternalTokenHandler(string key, Guid space, Guid? person, string[] roles) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Internal(key, "booking", space, person?.ToString(), roles));
            return base.SendAsync(request, cancellationToken);
        }
    }
}
