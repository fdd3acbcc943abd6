using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Operators.Tenancy.EntityFramework;

/// <summary>
/// Every <see cref="DateTime"/> a service stores is UTC. SQLite forgets the kind on the way back, so this
/// convention restores it on read (and insists on it on write), whatever the provider.
/// </summary>
public static class UtcDateTimeConvention
{
    public static void UseUtcDateTimes(this ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcConverter>();
    }

    private sealed class UtcConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
