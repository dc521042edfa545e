using System.Net;
using CaseFlow.Tests.Infrastructure;
using Npgsql;

namespace CaseFlow.Tests.Security;

public class BootstrapKeyTests
{
    private const string DevelopmentKey = "caseflow-dev-admin-key";

    private static async Task<HttpStatusCode> ListKeysAsync(CaseFlowApp app, string key) =>
        (await app.CreateClient(key).GetAsync("/api/admin/api-keys")).StatusCode;

    [Fact]
    public async Task Changing_the_bootstrap_setting_revokes_the_old_key_and_marks_the_new_one_as_bootstrap()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using (var first = new CaseFlowApp(database, new Dictionary<string, string?> { ["Auth:BootstrapAdminApiKey"] = "first-bootstrap-key-0123456789" }))
        {
            Assert.Equal(HttpStatusCode.OK, await ListKeysAsync(first, "first-bootstrap-key-0123456789"));
        }

        await using var second = new CaseFlowApp(database, new Dictionary<string, string?> { ["Auth:BootstrapAdminApiKey"] = "second-bootstrap-key-0123456789" });

        Assert.Equal(HttpStatusCode.Unauthorized, await ListKeysAsync(second, "first-bootstrap-key-0123456789"));
        Assert.Equal(HttpStatusCode.OK, await ListKeysAsync(second, "second-bootstrap-key-0123456789"));
        Assert.Equal(2, await Sql.CountAsync(database, "SELECT count(*) FROM api_keys WHERE bootstrap"));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT count(*) FROM api_keys WHERE bootstrap AND revoked_at IS NULL"));
    }

    [Fact]
    public async Task In_Production_the_Development_key_as_a_setting_stops_the_host_naming_the_setting()
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = await TestCluster.CreateDatabaseAsync(),
            ["Smtp__Host"] = "127.0.0.1",
            ["Auth__BootstrapAdminApiKey"] = DevelopmentKey,
        });

        Assert.Equal(1, await host.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = host.Output.Split('\n').Single(l => l.StartsWith("CaseFlow could not start:", StringComparison.Ordinal));
        Assert.Contains("Auth:BootstrapAdminApiKey", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Development_key_left_in_the_database_opens_nothing_outside_Development_and_is_revoked()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        await using (var connection = new NpgsqlConnection(database))
        {
            // What a Development run on this database left behind, before the bootstrap flag existed.
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO api_keys (id, name, key_hash, roles, offices) VALUES (gen_random_uuid(), 'bootstrap-admin', encode(sha256(convert_to(@k, 'UTF8')), 'hex'), '{admin}', '{}')",
                connection);
            insert.Parameters.AddWithValue("k", DevelopmentKey);
            await insert.ExecuteNonQueryAsync();
        }

        await using var app = new CaseFlowApp(database); // environment Testing: not Development

        Assert.Equal(HttpStatusCode.Unauthorized, await ListKeysAsync(app, DevelopmentKey));
        Assert.Equal(HttpStatusCode.OK, await ListKeysAsync(app, CaseFlowApp.AdminKey));
        Assert.Equal(1, await Sql.CountAsync(database,
            $"SELECT count(*) FROM api_keys WHERE key_hash = encode(sha256(convert_to('{DevelopmentKey}', 'UTF8')), 'hex') AND revoked_at IS NOT NULL"));
    }
}
