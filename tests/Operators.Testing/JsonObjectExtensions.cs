using System.Text.Json.Nodes;

namespace Operators.Testing;

public static class JsonObjectExtensions
{
    /// <summary>Changes <paramref name="node"/> and returns it: a request body that differs from a valid one by one field.</summary>
    public static JsonObject Also(this JsonObject node, Action<JsonObject> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        change(node);
        return node;
    }
}
