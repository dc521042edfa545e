namespace CaseFlow.Host.Database;

/// <summary>Finds initdb and pg_ctl on PATH or in Debian's standard PostgreSQL location.</summary>
public sealed record PostgresBinaries(string InitDb, string PgCtl)
{
    public const string MissingMessage =
        "No PostgreSQL server binaries (initdb, pg_ctl) were found on PATH or under /usr/lib/postgresql. " +
        "Install them with 'apt-get install postgresql', or set ConnectionStrings:CaseFlow " +
        "(environment variable ConnectionStrings__CaseFlow) to an existing database.";

    public static PostgresBinaries? Find()
    {
        var pathDirectories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);

        // Debian installs one folder per major version; the newest wins.
        var debianDirectories = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var major) ? major : 0)
                .Select(d => Path.Combine(d, "bin"))
            : [];

        foreach (var directory in pathDirectories.Concat(debianDirectories))
        {
            var initDb = Path.Combine(directory, "initdb");
            var pgCtl = Path.Combine(directory, "pg_ctl");
            if (File.Exists(initDb) && File.Exists(pgCtl))
            {
                return new PostgresBinaries(initDb, pgCtl);
            }
        }

        return null;
    }
}
