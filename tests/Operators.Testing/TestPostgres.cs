using Npgsql;

namespace Operators.Testing;

/// <summary>
/// The real PostgreSQL server the tests use (<c>OPERATORS_TEST_POSTGRES</c>, default local postgres/postgres).
/// Each test fixture gets databases of its own, dropped afterwards. An unreachable server fails the test: it
/// never skips.
/// </summary>
public static class TestPostgres
{
    public static string ServerConnectionString { get; } =
        Environment.GetEnvironmentVariable("OPERATORS_TEST_POSTGRES")
        ?? "Host=localhost;Port=5432;Username=postgres;Password=postgres";

    public static async Task<TestDatabase> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 60)];
        await using (var connection = new NpgsqlConnection(With("postgres")))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new TestDatabase(name, With(name));
    }

    internal static string With(string database) =>
        new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = database, Pooling = true }.ToString();
}

public sealed class TestDatabase(string name, string connectionString) : IAsyncDisposable
{
    public string Name { get; } = name;

    public string ConnectionString { get; } = connectionString;

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestPostgres.With("postgres"));
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
