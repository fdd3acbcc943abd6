using Microsoft.Extensions.Configuration;

namespace Operators.ServiceDefaults.Data;

/// <summary>The folder for SQLite files, generated keys and mail drops: <c>Data:Path</c>, or <c>./data</c>.</summary>
public static class DataFolder
{
    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var path = Path.GetFullPath(configuration["Data:Path"] ?? Path.Combine(Directory.GetCurrentDirectory(), "data"));
        Directory.CreateDirectory(path);
        return path;
    }
}
