using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CaseFlow.Bench.Http;

/// <summary>The real host (CaseFlow.Host.dll beside the bench) as its own process, serving over Kestrel on loopback.</summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    public const string AdminKey = "bench-admin-key";
    private readonly Process process;
    private readonly StringBuilder output = new();
    private bool disposed;

    private HostUnderTest(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <param name="environment">Further settings for this run (e.g. a sweep every second).</param>
    public static async Task<HostUnderTest> StartAsync(string connectionString, string mailbox, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // CASEFLOW_BENCH_HOST_DIR: another build of the host (an older commit, say), driven by the same bench.
        var hostDirectory = Environment.GetEnvironmentVariable("CASEFLOW_BENCH_HOST_DIR") is { Length: > 0 } other ? other : AppContext.BaseDirectory;
        info.WorkingDirectory = hostDirectory;
        info.ArgumentList.Add(Path.Combine(hostDirectory, "CaseFlow.Host.dll"));
        // Whatever Jobs__* / Notifications__* the bench was started with reaches the host too (to compare settings).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__CaseFlow"] = connectionString;
        info.Environment["Auth__BootstrapAdminApiKey"] = AdminKey;
        info.Environment["Notifications__PickupDirectory"] = mailbox;
        // No SMTP here on purpose: the bench measures CaseFlow and PostgreSQL, not a mail server.
        info.Environment["Notifications__AllowPickupInProduction"] = "true";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var host = new HostUnderTest(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Generous: on a machine shared by many builds a start-up can take minutes.
            await host.WaitUntilReadyAsync(TimeSpan.FromMinutes(5));
            return host;
        }
        catch
        {
            // A host that never became ready must not outlive the bench.
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    public int ProcessId => process.Id;

    public long WorkingSetBytes()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the host exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"the host was not ready in {timeout}:\n{Output}");
    }

    private string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        if (!process.HasExited)
        {
            // SIGTERM: the host stops its Hangfire server and listener cleanly.
            Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process.Dispose();
    }
}
