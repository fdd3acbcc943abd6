using System.Reflection;

namespace Operators.Testing;

/// <summary>Where the repository and the built hosts are, seen from a test assembly.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration the tests were built in; the hosts are built in the same one.</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built DLL of a host under <c>services/</c> (Gateway, Booking, Membership, Billing, Standalone).</summary>
    public static string HostDll(string service)
    {
        var path = Path.Combine(Root, "services", service, "bin", Configuration, "net10.0", $"Operators.{service}.dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"Build the solution first: {path} does not exist.", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Operators.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Operators.sln not found above " + AppContext.BaseDirectory);
    }
}
