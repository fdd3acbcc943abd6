using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Operators.ServiceDefaults.Bus;
using Operators.Tenancy;

namespace Operators.ServiceDefaults.Tests;

public sealed record LateNoted(string Text);

public sealed class Notes
{
    private readonly List<(string Text, Guid? Space)> seen = [];

    public void Add(string text, Guid? space)
    {
        lock (seen)
        {
            seen.Add((text, space));
        }
    }

    public IReadOnlyList<(string Text, Guid? Space)> Seen
    {
        get
        {
            lock (seen)
            {
                return [.. seen];
            }
        }
    }
}

public sealed class LateNotedConsumer(Notes notes, ITenantContext tenants) : IConsumer<LateNoted>
{
    public Task Consume(ConsumeContext<LateNoted> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        notes.Add(context.Message.Text, tenants.TenantId);
        return Task.CompletedTask;
    }
}

public sealed class LateNotedConsumerDefinition : ServiceConsumerDefinition<LateNotedConsumer>;

/// <summary>The host's bus, on the in-memory transport the standalone host uses.</summary>
public sealed class BusRegistrationTests
{
    [Test]
    public async Task A_consumer_a_module_registers_after_the_bus_is_added_still_receives_its_messages_inside_their_space()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TenantContext>();
        builder.Services.AddSingleton<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        builder.Services.AddSingleton<Notes>();
        builder.AddServiceBus();
        builder.AddConsumer<LateNotedConsumer, LateNotedConsumerDefinition>();
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var space = Guid.NewGuid();
            using (host.Services.GetRequiredService<TenantContext>().Change(space))
            {
                await host.Services.GetRequiredService<IBus>().Publish(new LateNoted("registered late"));
            }

            var seen = await Eventually.MatchAsync(
                () => Task.FromResult(host.Services.GetRequiredService<Notes>().Seen), s => s.Count > 0, TimeSpan.FromSeconds(10), "the late consumer");
            Assert.That(seen, Is.EqualTo(new[] { ("registered late", (Guid?)space) }));
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
