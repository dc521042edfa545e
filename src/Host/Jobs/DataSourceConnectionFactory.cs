using Hangfire.PostgreSql;
using Npgsql;

namespace CaseFlow.Host.Jobs;

/// <summary>
/// Lets Hangfire share CaseFlow's one data source (its pool and its private-cluster fallback).
/// The data source is resolved on first use, so that mapping the dashboard does not start the database
/// outside the host's start-up error handling.
/// </summary>
internal sealed class DataSourceConnectionFactory(Func<NpgsqlDataSource> dataSource) : IConnectionFactory
{
    public NpgsqlConnection GetOrCreateConnection() => dataSource().CreateConnection();
}
