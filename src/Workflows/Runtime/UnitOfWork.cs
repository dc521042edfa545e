using Npgsql;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// One state change: the connection, its transaction, the moment (read once from the <see cref="TimeProvider"/>), who
/// acts, and what runs only after the commit (signal a dispatcher). A module opens one per use case and hands it to the
/// runtime, so its own rows and the instance's step commit together or not at all.
/// </summary>
public sealed class UnitOfWork : IAsyncDisposable
{
    private readonly List<Action> afterCommit = [];
    private bool committed;

    private UnitOfWork(NpgsqlConnection connection, NpgsqlTransaction transaction, DateTimeOffset now, string actor)
    {
        Connection = connection;
        Transaction = transaction;
        Now = now;
        Actor = actor;
    }

    public NpgsqlConnection Connection { get; }

    public NpgsqlTransaction Transaction { get; }

    public DateTimeOffset Now { get; }

    public string Actor { get; }

    public static async Task<UnitOfWork> BeginAsync(NpgsqlDataSource dataSource, TimeProvider clock, string actor, CancellationToken ct)
    {
        var connection = await dataSource.OpenConnectionAsync(ct);
        try
        {
            return new UnitOfWork(connection, await connection.BeginTransactionAsync(ct), clock.GetUtcNow(), actor);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs once the transaction committed; never for a rolled-back one.</summary>
    public void AfterCommit(Action action) => afterCommit.Add(action);

    public async Task CommitAsync(CancellationToken ct)
    {
        await Transaction.CommitAsync(ct);
        committed = true;
        foreach (var action in afterCommit)
        {
            action();
        }
    }

    /// <summary>Disposing an uncommitted unit rolls it back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!committed)
        {
            afterCommit.Clear();
        }

        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
