using System.Diagnostics;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Bench;

/// <summary>
/// Every benchmark, run as the process an engineer runs, in smoke mode: a broken benchmark fails here. Nothing is
/// asserted about speed; the figures are printed to the test output.
/// </summary>
public class BenchSmokeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Theory]
    [InlineData("outbox", "ratio end-to-end(1) / direct")]
    [InlineData("runtime", "ratio instances/s : TPC-B tps")]
    [InlineData("http", "ratio intake / one-row counter")]
    [InlineData("idle", "idle host commits/s")]
    [InlineData("memory", "RSS after warm-up")]
    [InlineData("indicators", "ratio naive scan / api")]
    [InlineData("scale", "scale bench done")]
    public async Task A_benchmark_in_smoke_mode_runs_to_the_end_and_prints_its_figures(string command, string lastFigure)
    {
        var (exitCode, text) = await RunAsync(command, "--smoke");

        output.WriteLine(text);
        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{text}");
        Assert.Contains(lastFigure, text, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(BenchDll());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // The run's own cluster: no initdb of its own, so a smoke run costs seconds.
        info.Environment["CASEFLOW_BENCH_SERVER"] = await TestCluster.AdminConnectionStringAsync();
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    // Built beside the tests (a project reference without its assembly), in the same configuration.
    private static string BenchDll()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "CaseFlow.sln")))
        {
            root = root.Parent;
        }

        var dll = Path.Combine(root?.FullName ?? throw new InvalidOperationException("CaseFlow.sln not found above the test output"),
            "bench", "CaseFlow.Bench", "bin", configuration, output.Name, "CaseFlow.Bench.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the bench (the test project references it).", dll);
    }
}
