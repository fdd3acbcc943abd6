using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Tenancy.Messaging;

namespace Operators.Testing;

/// <summary>
/// A service's provisioning step, in-process on SQLite: it records the space and answers once, however many
/// times the request is delivered.
/// </summary>
public abstract class ProvisioningStepContractTests<TContext, TConsumer>(string step)
    where TContext : DbContext
    where TConsumer : class, IConsumer<SpaceProvisioningRequested>
{
    private SqliteConnection connection = null!;
    private ServiceProvider provider = null!;
    private ITestHarness harness = null!;

    /// <summary>Registers the service's own context (of type <typeparamref name="TContext"/>) on the given connection.</summary>
    protected abstract void AddContext(IServiceCollection services, SqliteConnection connection);

    [SetUp]
    public async Task StartBus()
    {
        connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<TenantContext>()
            .AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>())
            .AddSingleton<OutboxSignal<TContext>>()
            .AddScoped<Outbox<TContext>>();
        AddContext(services, connection);
        services.AddMassTransitTestHarness(bus =>
        {
            // The harness gives up waiting for a message after 30 s by default: on a CI machine running test
            // projects side by side (and starved of CPU) an in-memory delivery has been seen to take longer.
            bus.SetTestTimeouts(testTimeout: TimeSpan.FromMinutes(2));
            bus.AddConsumer<TConsumer>();
            bus.UsingInMemory((context, cfg) =>
            {
                cfg.UseTenantPropagation(context);
                cfg.ConfigureEndpoints(context);
            });
        });
        provider = services.BuildServiceProvider(true);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TContext>().Database.MigrateAsync();
        }

        harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
    }

    [TearDown]
    public async Task StopBus()
    {
        await harness.Stop();
        await provider.DisposeAsync();
        await connection.DisposeAsync();
    }

    [Test]
    public async Task A_redelivered_provisioning_request_records_the_space_and_answers_once()
    {
        var request = new SpaceProvisioningRequested(Guid.NewGuid(), "la-ruche", "La Ruche", "rural-tiers-lieu", "fr-FR", "Europe/Paris", "EUR");
        var messageId = NewId.NextGuid();
        var consumer = harness.GetConsumerHarness<TConsumer>();
        await harness.Bus.Publish(request, c => c.MessageId = messageId);
        Assert.That(await consumer.Consumed.Any<SpaceProvisioningRequested>(), Is.True);
        // The redelivery: same message id. The harness lists a message id once, so wait for the bus to go quiet.
        await harness.Bus.Publish(request, c => c.MessageId = messageId);
        await harness.InactivityTask;

        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var spaces = await db.Set<ProvisionedSpace>().ToListAsync();
        var answers = await db.Set<OutboxMessage>().ToListAsync();
        Assert.Multiple(() =>
        {
            Assert.That(consumer.Consumed.Select<SpaceProvisioningRequested>().All(c => c.Exception is null), Is.True);
            Assert.That(spaces.Select(s => (s.Id, s.Slug, s.TimeZone)), Is.EqualTo(new[] { (request.SpaceId, "la-ruche", "Europe/Paris") }));
            Assert.That(answers, Has.Count.EqualTo(1));
            Assert.That(answers[0].MessageType, Does.StartWith(typeof(SpaceProvisioningStepCompleted).FullName!));
            Assert.That(answers[0].Body, Does.Contain($"\"step\":\"{step}\"").And.Contain("\"succeeded\":true"));
        });
    }
}
