using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Operators.Messaging;

public static class MessagingExtensions
{
    /// <summary>The outbox of one DbContext and the relay that empties it.</summary>
    public static IServiceCollection AddOutbox<TContext>(this IServiceCollection services, IConfiguration configuration)
        where TContext : DbContext
    {
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection("Outbox"));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<OutboxSignal<TContext>>();
        services.TryAddScoped<Outbox<TContext>>();
        services.AddHostedService<OutboxRelay<TContext>>();
        return services;
    }
}
