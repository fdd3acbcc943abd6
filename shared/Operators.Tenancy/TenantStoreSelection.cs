using Microsoft.Extensions.Options;

namespace Operators.Tenancy;

/// <summary>A module's offer of a tenant store (<c>AddTenantStore</c>).</summary>
internal sealed record TenantStoreOffer(Type StoreType);

/// <summary>The host's own choice (<c>UseTenantStore</c>), which settles several offers.</summary>
internal sealed record TenantStoreChoice(Type StoreType);

/// <summary>Which store resolves this host's spaces; checked when the host starts.</summary>
internal sealed class TenantStoreSelection
{
    public Type? StoreType { get; private set; }

    public string? Problem { get; private set; }

    public void Choose(IEnumerable<Type> offers, Type? choice)
    {
        var offered = offers.Distinct().ToList();
        if (choice is not null || offered.Count == 1)
        {
            StoreType = choice ?? offered[0];
            return;
        }

        Problem = offered.Count == 0
            ? "No tenant store: a module offers one with AddTenantStore<T>(), or the host chooses one with UseTenantStore<T>()."
            : $"Several modules offer a tenant store ({string.Join(", ", offered.Select(t => t.Name))}): the host must say which it uses with UseTenantStore<T>().";
    }

    internal sealed class Validator : IValidateOptions<TenantStoreSelection>
    {
        public ValidateOptionsResult Validate(string? name, TenantStoreSelection options) =>
            options.Problem is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
