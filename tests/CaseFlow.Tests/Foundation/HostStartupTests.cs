using System.Net;
using System.Text.Json;
using CaseFlow.Host.Database;
using CaseFlow.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace CaseFlow.Tests.Foundation;

public class HostStartupTests
{
    [Fact]
    public async Task Host_starts_and_is_ready_against_a_fresh_database()
    {
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync(migrated: false));
        var response = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", body.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Liveness_answers_without_touching_the_database()
    {
        await using var app = new CaseFlowApp(await TestCluster.CreateDatabaseAsync());
        var response = await app.CreateClient().GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Migrations_are_idempotent_a_second_run_applies_nothing()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync(migrated: false);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var runner = new MigrationRunner(dataSource, NullLogger<MigrationRunner>.Instance);

        var first = await runner.MigrateAsync(CancellationToken.None);
        var second = await runner.MigrateAsync(CancellationToken.None);

        Assert.Equal(Migration.LoadAll(MigrationRunner.Assemblies).Select(m => m.Version), first);
        Assert.Empty(second);
    }

    [Fact]
    public async Task A_host_on_an_already_migrated_database_applies_nothing_new()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync();
        var before = await AppliedAt(connectionString);

        await using (var app = new CaseFlowApp(connectionString))
        {
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);
        }

        Assert.Equal(before, await AppliedAt(connectionString));
    }

    [Fact]
    public async Task Two_hosts_starting_together_on_one_empty_database_both_become_ready_and_migrate_once()
    {
        var connectionString = await TestCluster.CreateDatabaseAsync(migrated: false);
        await using var first = new CaseFlowApp(connectionString);
        await using var second = new CaseFlowApp(connectionString);

        var responses = await Task.WhenAll(
            Task.Run(() => first.CreateClient().GetAsync("/health/ready")),
            Task.Run(() => second.CreateClient().GetAsync("/health/ready")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var applied = await AppliedAt(connectionString);
        Assert.Equal(Migration.LoadAll(MigrationRunner.Assemblies).Count, applied.Count);
    }

    private static async Task<List<(int Version, DateTime AppliedAt)>> AppliedAt(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT version, applied_at FROM schema_migrations ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, DateTime)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetInt32(0), reader.GetDateTime(1)));
        }

        return rows;
    }
}
