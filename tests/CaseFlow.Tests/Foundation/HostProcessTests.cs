using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Foundation;

/// <summary>The compiled host as a real process: what an operator sees when starting and stopping it.</summary>
public class HostProcessTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=nobody;Password=x;Database=none;Timeout=3")]
    [InlineData("this is = not ; a connection string")]
    public async Task A_bad_connection_string_makes_the_host_exit_with_one_line_naming_the_setting(string connectionString)
    {
        await using var host = HostProcess.Start(new Dictionary<string, string?> { ["ConnectionStrings__CaseFlow"] = connectionString });

        var exitCode = await host.WaitForExitAsync(StartTimeout);

        Assert.Equal(1, exitCode);
        var line = host.Output.Split('\n').Single(l => l.StartsWith("CaseFlow could not start:", StringComparison.Ordinal));
        Assert.Contains("ConnectionStrings:CaseFlow", line);
    }

    [Fact]
    public async Task With_no_connection_string_the_host_runs_its_own_cluster_stops_it_on_exit_and_reuses_it()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"caseflow-own-cluster-{Guid.NewGuid():N}");
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__CaseFlow"] = "",
            ["Database__LocalClusterPath"] = folder,
            ["Auth__BootstrapAdminApiKey"] = "process-test-key",
        };
        try
        {
            await using (var host = HostProcess.Start(environment))
            {
                await host.WaitUntilReadyAsync(StartTimeout);
                Assert.True(File.Exists(Path.Combine(folder, "data", "postmaster.pid")), "the private cluster runs");
                host.Terminate();
                Assert.Equal(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
            }

            Assert.False(File.Exists(Path.Combine(folder, "data", "postmaster.pid")), "the private cluster was stopped with the host");

            await using (var again = HostProcess.Start(environment))
            {
                await again.WaitUntilReadyAsync(StartTimeout);
                Assert.Contains("Started a private PostgreSQL cluster", again.Output);
                Assert.DoesNotContain("Applied migration", again.Output);
                again.Terminate();
                await again.WaitForExitAsync(TimeSpan.FromSeconds(60));
            }
        }
        finally
        {
            if (File.Exists(Path.Combine(folder, "data", "postmaster.pid")))
            {
                System.Diagnostics.Process.Start("runuser", ["-u", "postgres", "--", "pg_ctl", "-D", Path.Combine(folder, "data"), "-m", "immediate", "stop"])?.WaitForExit();
            }

            Directory.Delete(folder, recursive: true);
        }
    }
}
