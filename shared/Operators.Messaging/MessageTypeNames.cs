using System.Collections.Concurrent;

namespace Operators.Messaging;

/// <summary>Names message types in the outbox by full name and assembly, without version, so rows survive upgrades.</summary>
internal static class MessageTypeNames
{
    private static readonly ConcurrentDictionary<string, Type> Resolved = new(StringComparer.Ordinal);

    public static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    public static Type Resolve(string name) =>
        Resolved.GetOrAdd(name, n => Type.GetType(n, throwOnError: false)
            ?? throw new InvalidOperationException($"Outbox message type '{n}' is not known to this service."));
}
