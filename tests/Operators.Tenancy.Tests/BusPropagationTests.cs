using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Operators.Contracts;
using Operators.Tenancy.Messaging;

namespace Operators.Tenancy.Tests;

public sealed record NoteAdded(string Text);

[NetworkScoped]
public sealed record NetworkAnnouncement(string Text);

public sealed class SpaceSeen
{
    public List<(string Text, Guid? Tenant)> Seen { get; } = [];
}

public sealed class NoteAddedConsumer(ITenantContext tenants, SpaceSeen seen) : IConsumer<NoteAdded>
{
    public Task Consume(ConsumeContext<NoteAdded> context)
    {
        lock (seen)
        {
            seen.Seen.Add((context.Message.Text, tenants.TenantId));
        }

        return Task.CompletedTask;
    }
}

public sealed class NetworkAnnouncementConsumer(ITenantContext tenants, SpaceSeen seen) : IConsumer<NetworkAnnouncement>
{
    public Task Consume(ConsumeContext<NetworkAnnouncement> context)
    {
        lock (seen)
        {
            seen.Seen.Add((context.Message.Text, tenants.TenantId));
        }

        return Task.CompletedTask;
    }
}

public sealed class BusPropagationTests
{
    private ServiceProvider provider = null!;
    private ITestHarness harness = null!;
    private TenantContext tenants = null!;

    [SetUp]
    public async Task StartBus()
    {
        tenants = new TenantContext();
        provider = new ServiceCollection()
            .AddSingleton<ITenantContext>(tenants)
            .AddSingleton<SpaceSeen>()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<NoteAddedConsumer>();
                bus.AddConsumer<NetworkAnnouncementConsumer>();
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseTenantPropagation(context);
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
    }

    [TearDown]
    public async Task StopBus()
    {
        await harness.Stop();
        await provider.DisposeAsync();
    }

    [Test]
    public async Task The_space_survives_a_publish_to_consume_hop()
    {
        var space = Guid.NewGuid();
        using (tenants.Change(space))
        {
            await harness.Bus.Publish(new NoteAdded("hello"));
        }

        Assert.That(await harness.GetConsumerHarness<NoteAddedConsumer>().Consumed.Any<NoteAdded>(), Is.True);
        var published = harness.Published.Select<NoteAdded>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(published.Context.Headers.Get<string>(TenantHeaders.TenantId), Is.EqualTo(space.ToString()));
            Assert.That(provider.GetRequiredService<SpaceSeen>().Seen, Is.EqualTo(new[] { ("hello", (Guid?)space) }));
        });
    }

    [Test]
    public async Task A_tenant_scoped_message_without_its_space_faults_to_the_error_queue_instead_of_running_spaceless()
    {
        await harness.Bus.Publish(new NoteAdded("no space"));

        // A receive fault is what MassTransit reports when it moves a message to the endpoint's error queue.
        Assert.That(await harness.Published.Any<ReceiveFault>(), Is.True);
        var consumed = harness.Consumed.Select<NoteAdded>().Single();
        Assert.Multiple(() =>
        {
            Assert.That(consumed.Exception, Is.TypeOf<MissingTenantException>());
            Assert.That(provider.GetRequiredService<SpaceSeen>().Seen, Is.Empty);
        });
    }

    [Test]
    public async Task A_network_scoped_message_runs_without_a_space()
    {
        await harness.Bus.Publish(new NetworkAnnouncement("welcome"));

        Assert.That(await harness.GetConsumerHarness<NetworkAnnouncementConsumer>().Consumed.Any<NetworkAnnouncement>(), Is.True);
        Assert.That(provider.GetRequiredService<SpaceSeen>().Seen, Is.EqualTo(new[] { ("welcome", (Guid?)null) }));
    }
}
