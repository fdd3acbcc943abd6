using MassTransit;
using MassTransit.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Operators.Contracts.Spaces;
using Operators.Messaging;
using Operators.ServiceDefaults.Spaces;
using Operators.Tenancy;
using Operators.Tenancy.EntityFramework;
using Operators.Tenancy.Messaging;

namespace Operators.ServiceDefaults.Tests;

public sealed class SampleServiceContext(DbContextOptions<SampleServiceContext> options, ITenantContext tenants) : TenantDbContext(options, tenants)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.AddOutboxAndInbox();
        modelBuilder.AddProvisionedSpaces();
    }
}

/// <summary>A service whose seeding cannot work for this template (a broken template, a bug).</summary>
public sealed class BrokenProvisioningConsumer(SampleServiceContext db, Outbox<SampleServiceContext> outbox, TimeProvider clock, ILogger<BrokenProvisioningConsumer> logger)
    : SpaceProvisioningConsumer<SampleServiceContext>(db, outbox, clock, logger)
{
    protected override string Step => ProvisioningSteps.Billing;

    protected override async Task SeedAsync(SpaceProvisioningRequested request, CancellationToken cancellationToken)
    {
        await Db.SaveChangesAsync(cancellationToken); // part of the work reaches the database...
        throw new InvalidOperationException($"Template '{request.Template}' has no billing settings.");
    }
}

public sealed class ProvisioningFailureTests
{
    [Test]
    public async Task A_step_that_cannot_provision_undoes_its_part_and_answers_a_failure_at_once()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ITenantContext, TenantContext>()
            .AddSingleton<OutboxSignal<SampleServiceContext>>()
            .AddScoped<Outbox<SampleServiceContext>>()
            .AddDbContext<SampleServiceContext>(o => o.UseSqlite(connection))
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<BrokenProvisioningConsumer>();
                bus.UsingInMemory((context, cfg) =>
                {
                    cfg.UseTenantPropagation(context);
                    cfg.ConfigureEndpoints(context);
                });
            })
            .BuildServiceProvider(true);
        await using (var scope = provider.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SampleServiceContext>().Database.EnsureCreatedAsync();
        }

        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var request = new SpaceProvisioningRequested(Guid.NewGuid(), "la-grange", "La Grange", "castle", "fr-FR", "Europe/Paris", "EUR");
        await harness.Bus.Publish(request);
        Assert.That(await harness.GetConsumerHarness<BrokenProvisioningConsumer>().Consumed.Any<SpaceProvisioningRequested>(), Is.True);
        await harness.InactivityTask;

        await using var check = provider.CreateAsyncScope();
        var db = check.ServiceProvider.GetRequiredService<SampleServiceContext>();
        var answers = await db.Set<OutboxMessage>().ToListAsync();
        Assert.Multiple(async () =>
        {
            Assert.That(await db.Set<ProvisionedSpace>().CountAsync(), Is.Zero, "the service's part is undone");
            Assert.That(await db.Set<InboxMessage>().CountAsync(), Is.EqualTo(1), "the request is handled once");
            Assert.That(answers, Has.Count.EqualTo(1));
            Assert.That(answers[0].Body, Does.Contain("\"succeeded\":false").And.Contain("has no billing settings"));
        });
        await harness.Stop();
    }
}
