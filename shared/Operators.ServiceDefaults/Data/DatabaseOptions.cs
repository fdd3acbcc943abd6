namespace Operators.ServiceDefaults.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Configuration section <c>Database</c>.</summary>
public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending EF Core migrations when the host starts (standalone: always).</summary>
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>PostgreSQL: connections this service may hold at once (unless the connection string says).</summary>
    public int MaxPoolSize { get; set; } = 30;
}
