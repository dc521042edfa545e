using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CaseFlow.ServiceDefaults.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CaseFlow.Host.Database;

/// <summary>
/// A private PostgreSQL cluster in a folder of ours: created on first use, reused afterwards,
/// listening on loopback only. Used by the host when no connection string is configured and by the tests.
/// </summary>
public sealed class LocalPostgresCluster
{
    private const string ServiceUser = "postgres";
    private readonly string root;
    private readonly PostgresBinaries binaries;
    private readonly ILogger logger;
    private readonly bool durable;
    private bool startedByUs;

    private LocalPostgresCluster(string root, PostgresBinaries binaries, ILogger logger, bool durable)
    {
        this.root = root;
        this.binaries = binaries;
        this.logger = logger;
        this.durable = durable;
    }

    public string DataDirectory => Path.Combine(root, "data");

    public int Port { get; private set; }

    private string Password { get; set; } = "";

    /// <param name="root">Folder that holds the cluster; created if missing.</param>
    /// <param name="durable">False for throw-away test clusters: fsync off, much faster, unsafe on power loss.</param>
    /// <param name="maxConnections">A test run holds many hosts' pools at once; one host needs far fewer.</param>
    public static LocalPostgresCluster Create(string root, ILogger logger, bool durable = true, int maxConnections = 400)
    {
        var binaries = PostgresBinaries.Find() ?? throw new StartupException(PostgresBinaries.MissingMessage);
        return new LocalPostgresCluster(Path.GetFullPath(root), binaries, logger, durable) { MaxConnections = maxConnections };
    }

    private int MaxConnections { get; init; } = 400;

    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Password = Password,
        Database = database,
    }.ConnectionString;

    public void Start()
    {
        Directory.CreateDirectory(root);
        Password = ReadOrCreateSecret(Path.Combine(root, "password"));
        EnsureServiceUserCanReachRoot();

        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            InitializeCluster();
        }

        Port = ReadPort();
        if (IsRunning())
        {
            logger.LogInformation("Reusing the PostgreSQL cluster already running in {DataDirectory} on port {Port}", DataDirectory, Port);
            return;
        }

        if (Port == 0 || !IsPortFree(Port))
        {
            Port = FindFreePort();
            File.WriteAllText(Path.Combine(root, "port"), Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var settings = $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c max_connections={MaxConnections}";
        if (!durable)
        {
            settings += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
        }

        Run(binaries.PgCtl, ["-D", DataDirectory, "-l", Path.Combine(root, "postgres.log"), "-o", settings, "-w", "-t", "60", "start"]);
        startedByUs = true;
        logger.LogInformation("Started a private PostgreSQL cluster in {DataDirectory} on 127.0.0.1:{Port}", DataDirectory, Port);
    }

    /// <summary>Stops the cluster if this instance started it; a cluster another process started is left running.</summary>
    public void Stop(bool immediate = false)
    {
        if (!startedByUs)
        {
            return;
        }

        startedByUs = false;
        Run(binaries.PgCtl, ["-D", DataDirectory, "-m", immediate ? "immediate" : "fast", "-w", "-t", "60", "stop"]);
        logger.LogInformation("Stopped the private PostgreSQL cluster in {DataDirectory}", DataDirectory);
    }

    private void InitializeCluster()
    {
        var passwordFile = Path.Combine(root, "password");
        Run(binaries.InitDb,
        [
            "-D", DataDirectory, "-U", ServiceUser, "--pwfile", passwordFile,
            "--auth", "scram-sha-256", "--encoding", "UTF8", "--locale", "C.UTF-8",
        ]);
    }

    private bool IsRunning() =>
        File.Exists(Path.Combine(DataDirectory, "postmaster.pid")) &&
        RunUnchecked(binaries.PgCtl, ["-D", DataDirectory, "status"]).ExitCode == 0;

    private int ReadPort()
    {
        var portFile = Path.Combine(root, "port");
        return File.Exists(portFile) && int.TryParse(File.ReadAllText(portFile).Trim(), out var port) ? port : 0;
    }

    private static string ReadOrCreateSecret(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }

    private static bool IsPortFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    // PostgreSQL refuses to run as root, so as root every command runs as the postgres service user,
    // which must own the folder.
    private void EnsureServiceUserCanReachRoot()
    {
        if (!Environment.IsPrivilegedProcess)
        {
            return;
        }

        Run("chown", ["-R", $"{ServiceUser}:{ServiceUser}", root], asServiceUser: false);
        var probe = RunUnchecked("test", ["-w", root]);
        if (probe.ExitCode != 0)
        {
            throw new StartupException(
                $"The PostgreSQL service user '{ServiceUser}' cannot reach {root} (a parent folder is closed to it). " +
                "Set Database:LocalClusterPath to a folder it can reach, or set ConnectionStrings:CaseFlow.");
        }
    }

    private void Run(string fileName, string[] arguments, bool asServiceUser = true)
    {
        var (exitCode, output) = RunUnchecked(fileName, arguments, asServiceUser);
        if (exitCode != 0)
        {
            throw new StartupException($"{Path.GetFileName(fileName)} failed with exit code {exitCode}: {output}");
        }
    }

    private static (int ExitCode, string Output) RunUnchecked(string fileName, string[] arguments, bool asServiceUser = true)
    {
        if (asServiceUser && Environment.IsPrivilegedProcess)
        {
            return ProcessRunner.Run("runuser", ["-u", ServiceUser, "--", fileName, .. arguments], TimeSpan.FromSeconds(120));
        }

        return ProcessRunner.Run(fileName, arguments, TimeSpan.FromSeconds(120));
    }
}
