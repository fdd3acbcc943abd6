namespace Operators.Contracts;

/// <summary>
/// Marks a message that concerns the whole network rather than one space. Every other message is
/// tenant-scoped: it must travel with the tenant header or its consumers refuse it.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class NetworkScopedAttribute : Attribute;
