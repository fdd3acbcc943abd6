namespace Operators.Tenancy.Messaging;

/// <summary>A tenant-scoped message arrived without its space: it goes to the error queue, never runs spaceless.</summary>
public sealed class MissingTenantException : InvalidOperationException
{
    public MissingTenantException()
    {
    }

    public MissingTenantException(string message)
        : base(message)
    {
    }

    public MissingTenantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
