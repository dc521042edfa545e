using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CaseFlow.Tests.Infrastructure;

/// <summary>
/// The real host as a separate OS process (the compiled CaseFlow.Host.dll), for what an in-process host
/// cannot show: exit codes, start-up messages, SIGTERM and SIGKILL.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private HostProcess(Process process, int port)
    {
        this.process = process;
        Port = port;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public int Pid => process.Id;

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <param name="arguments">After the host's dll, e.g. a one-shot command such as <c>export-definitions</c>.</param>
    public static HostProcess Start(IDictionary<string, string?> environment, params string[] arguments) => StartOn(FreePort(), environment, arguments);

    /// <summary>On a given port: a host restarted after a kill comes back where the proxy expects it.</summary>
    public static HostProcess StartOn(int port, IDictionary<string, string?> environment, params string[] arguments)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "CaseFlow.Host.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(hostDll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Tests without an SMTP server mean the pickup folder; a test of that refusal overrides this.
        info.Environment["Notifications__AllowPickupInProduction"] = "true";
        info.Environment["Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        var host = new HostProcess(process, port);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await Eventually.True(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                return (await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false; // not listening yet, or too busy starting to answer in time
            }
        }, timeout, "the host process is ready");
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancellation.Token);
        return process.ExitCode;
    }

    /// <summary>Asks the host to stop, as systemd or Ctrl+C would.</summary>
    public void Terminate() => Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    /// <summary>kill -9: no clean-up of any kind.</summary>
    public void Kill() => process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
