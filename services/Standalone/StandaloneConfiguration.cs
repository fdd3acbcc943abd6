using System.Text.Json;
using System.Text.Json.Nodes;
using Operators.ServiceDefaults.Data;
using Operators.ServiceDefaults.Security;

namespace Operators.Standalone;

/// <summary>
/// Makes the standalone host need no configuration: every module on SQLite in the data folder, the in-memory
/// bus and job storage, in-process forwarding, and secrets generated on first start and kept in
/// <c>{data}/secrets.json</c> so that a restart keeps tokens, keys and data valid.
/// </summary>
public static class StandaloneConfiguration
{
    public const string DefaultAdminEmail = "admin@operators.local";

    /// <summary>True when the command line asks for the demo space (<c>--demo</c>).</summary>
    public static bool WantsDemo(string[] args) => args.Contains("--demo", StringComparer.Ordinal);

    public static string Apply(WebApplicationBuilder builder, string[] args)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var demo = WantsDemo(args);
        args = args.Where(a => a != "--demo").ToArray();
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = "Data:Path" });
        var dataPath = DataFolder.Resolve(builder.Configuration);

        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Data:Path"] = dataPath,
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStart"] = "true",
            ["Bus:Transport"] = "InMemory",
            ["Jobs:Storage"] = "InMemory",
            ["Gateway:Forwarding"] = "InProcess",
            ["DataProtection:KeysPath"] = Path.Combine(dataPath, "keys"),
            ["Bootstrap:AdminEmail"] = DefaultAdminEmail,
            ["Email:PickupDirectory"] = Path.Combine(dataPath, "mail"),
        });
        builder.Configuration.AddJsonFile(EnsureSecrets(dataPath, demo), optional: false, reloadOnChange: false);
        // What the operator sets explicitly still wins over the defaults above.
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args, new Dictionary<string, string> { ["--data"] = "Data:Path" });

        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls("http://localhost:5080");
        }

        return dataPath;
    }

    private static string EnsureSecrets(string dataPath, bool demo)
    {
        var path = Path.Combine(dataPath, "secrets.json");
        var secrets = File.Exists(path) ? JsonNode.Parse(File.ReadAllText(path))!.AsObject() : [];
        var changed = false;
        changed |= Ensure(secrets, "InternalAuth", "SigningKey", SigningKeys.Generate);
        changed |= Ensure(secrets, "Auth", "SigningKey", SigningKeys.Generate);
        changed |= Ensure(secrets, "Bootstrap", "AdminPassword", GeneratePassword);
        if (demo)
        {
            // Demo:Password from the environment or the command line still wins: they are read after this file.
            changed |= Ensure(secrets, "Demo", "Password", GeneratePassword);
        }
        if (changed)
        {
            File.WriteAllText(path, secrets.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return path;
    }

    // Meets the password rules (digit, lower and upper case) whatever the random part.
    private static string GeneratePassword() => "Op-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(9)).ToLowerInvariant() + "X7";

    private static bool Ensure(JsonObject root, string section, string key, Func<string> generate)
    {
        if (root[section] is not JsonObject node)
        {
            node = [];
            root[section] = node;
        }

        if (node[key] is not null)
        {
            return false;
        }

        node[key] = generate();
        return true;
    }
}
