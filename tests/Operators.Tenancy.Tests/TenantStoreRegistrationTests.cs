using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Operators.Tenancy.Resolution;

namespace Operators.Tenancy.Tests;

internal sealed class RegistryStore : ITenantStore
{
    public static readonly TenantInfo Space = InMemoryTenantStore.Tenant("from-the-registry");

    public Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default) => Task.FromResult<TenantInfo?>(Space);
}

internal sealed class ServiceOwnStore : ITenantStore
{
    public static readonly TenantInfo Space = InMemoryTenantStore.Tenant("from-the-service");

    public Task<TenantInfo?> FindAsync(string identifier, CancellationToken cancellationToken = default) => Task.FromResult<TenantInfo?>(Space);
}

/// <summary>Which store resolves a host's spaces is said, never implied by the order modules were added in.</summary>
public sealed class TenantStoreRegistrationTests
{
    [Test]
    public async Task A_host_of_one_module_uses_the_store_it_offers()
    {
        using var host = Build(s => s.AddTenantStore<ServiceOwnStore>());
        await host.StartAsync();

        Assert.That(await FindAsync(host), Is.EqualTo(ServiceOwnStore.Space));
        await host.StopAsync();
    }

    [Test]
    public void A_host_whose_modules_offer_several_stores_and_that_chooses_none_does_not_start()
    {
        using var host = Build(s => s.AddTenantStore<RegistryStore>().AddTenantStore<ServiceOwnStore>());

        var refused = Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.That(refused!.Message, Does.Contain(nameof(RegistryStore)).And.Contain(nameof(ServiceOwnStore)).And.Contain("UseTenantStore"));
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task The_host_s_choice_wins_whichever_module_was_added_first(bool registryFirst)
    {
        using var host = Build(s =>
        {
            if (registryFirst)
            {
                s.AddTenantStore<RegistryStore>().AddTenantStore<ServiceOwnStore>();
            }
            else
            {
                s.AddTenantStore<ServiceOwnStore>().AddTenantStore<RegistryStore>();
            }

            s.UseTenantStore<RegistryStore>();
        });
        await host.StartAsync();

        Assert.That(await FindAsync(host), Is.EqualTo(RegistryStore.Space));
        await host.StopAsync();
    }

    private static IHost Build(Action<IServiceCollection> modules)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTenancy(builder.Configuration);
        modules(builder.Services);
        return builder.Build();
    }

    private static async Task<TenantInfo?> FindAsync(IHost host)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ITenantStore>().FindAsync("any");
    }
}
