using Npgsql;

namespace Operators.ServiceDefaults.Data;

/// <summary>
/// The connection settings every service uses on PostgreSQL, unless its connection string says otherwise: a bounded
/// pool, and statements prepared once they repeat. EF Core sends the same few statements over and over; prepared,
/// the server skips parsing and planning them (in the invoice-run benchmark, PostgreSQL's CPU per invoice fell by
/// about a fifth). Behind a pooler that cannot keep prepared statements (PgBouncer's transaction mode before 1.21),
/// put <c>Max Auto Prepare=0</c> in the connection string.
/// </summary>
public static class PostgresConnections
{
    /// <summary>Statements kept prepared per connection, the most used first.</summary>
    public const int AutoPrepared = 64;

    public static string Tune(string connectionString, int maxPoolSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Says(connectionString, "Maximum Pool Size", "Max Pool Size", "MaxPoolSize"))
        {
            // A burst of requests queues for a connection instead of exhausting the server's max_connections,
            // which several services (and Hangfire) share.
            builder.MaxPoolSize = maxPoolSize;
        }

        if (!Says(connectionString, "Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = AutoPrepared;
        }

        return builder.ConnectionString;
    }

    private static bool Says(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
