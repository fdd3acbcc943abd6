using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Operators.ServiceDefaults.Data;

/// <summary>
/// Pessimistic locks on one row, for decisions that read a row (or rows under it) and must not be made
/// twice at once: seats left on a resource, places left at an event, the next number of a gapless series.
/// </summary>
public static class RowLocks
{
    /// <summary>Locks the row of <typeparamref name="TEntity"/> whose primary key is <paramref name="key"/>; see the composite overload.</summary>
    public static Task LockRowAsync<TEntity>(this DbContext db, object key, CancellationToken cancellationToken)
        where TEntity : class =>
        db.LockRowAsync<TEntity>([key], cancellationToken);

    /// <summary>
    /// Locks the row of <typeparamref name="TEntity"/> whose primary key is <paramref name="key"/> (values in the
    /// key's order) until the current transaction ends; a second transaction asking for the same lock waits
    /// until then, and reads what the first one committed. Missing rows lock nothing on PostgreSQL.
    /// PostgreSQL: <c>SELECT … FOR UPDATE</c>, a lock on that row only. SQLite has no row locks: a no-op
    /// <c>UPDATE</c> of the row takes the database's write lock, which serialises every writer (a transaction
    /// EF began already holds it — Microsoft.Data.Sqlite begins with <c>BEGIN IMMEDIATE</c> — but one begun
    /// deferred would otherwise read first and fail with "database is locked" when it writes).
    /// </summary>
    public static async Task LockRowAsync<TEntity>(this DbContext db, IReadOnlyList<object> key, CancellationToken cancellationToken)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(key);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException($"A lock on a {typeof(TEntity).Name} lasts until its transaction ends: take it inside one.");
        }

        var entity = db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not part of {db.GetType().Name}.");
        var tableName = entity.GetTableName() ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not mapped to a table.");
        var table = StoreObjectIdentifier.Table(tableName, entity.GetSchema());
        var columns = entity.FindPrimaryKey()!.Properties;
        if (columns.Count != key.Count)
        {
            throw new ArgumentException($"The key of {typeof(TEntity).Name} has {columns.Count} column(s); {key.Count} value(s) were given.", nameof(key));
        }

        var sql = db.GetService<ISqlGenerationHelper>();
        var names = columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)).ToList();
        var where = string.Join(" AND ", names.Select((name, i) => $"{name} = {{{i}}}"));
        var from = sql.DelimitIdentifier(table.Name, table.Schema);
        var statement = db.Database.IsNpgsql() ? $"SELECT 1 FROM {from} WHERE {where} FOR UPDATE"
            : db.Database.IsSqlite() ? $"UPDATE {from} SET {names[0]} = {names[0]} WHERE {where}"
            : throw new NotSupportedException($"No row lock is known for {db.Database.ProviderName}.");
        var values = columns.Select((c, i) => c.GetTypeMapping().Converter is { } converter ? converter.ConvertToProvider(key[i]) : key[i]).ToArray();
        await db.Database.ExecuteSqlRawAsync(statement, values!, cancellationToken);
    }
}
