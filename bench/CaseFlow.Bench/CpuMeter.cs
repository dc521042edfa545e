using System.Globalization;

namespace CaseFlow.Bench;

/// <summary>
/// CPU time spent by the processes of one side of a measure, read from <c>/proc</c> (Linux): the host process, the
/// PostgreSQL cluster (the postmaster with every backend, live or already exited), or the bench itself with the
/// children it waited for (pgbench). On two cores the sum per operation bounds the throughput whatever the waits.
/// </summary>
internal static class CpuMeter
{
    private static readonly double TicksPerSecond = 100; // USER_HZ: 100 on every Linux the bench runs on

    /// <summary>User + system CPU of one process (its threads included), or zero where /proc is not readable.</summary>
    public static TimeSpan Process(int pid) => Read(pid, includeWaitedChildren: false);

    /// <summary>The bench process with the children it has waited for (pgbench runs).</summary>
    public static TimeSpan Self() => Read(Environment.ProcessId, includeWaitedChildren: true);

    /// <summary>
    /// The whole cluster: exited backends are in the postmaster's waited-children time, live ones in their own.
    /// Found from one backend's pid: its parent is the postmaster.
    /// </summary>
    public static TimeSpan Cluster(int backendPid)
    {
        var postmaster = Fields(backendPid) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : 0;
        if (postmaster == 0)
        {
            return TimeSpan.Zero;
        }

        var total = Read(postmaster, includeWaitedChildren: true);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && Fields(pid) is { } child
                && int.Parse(child[1], CultureInfo.InvariantCulture) == postmaster)
            {
                total += Read(pid, includeWaitedChildren: false);
            }
        }

        return total;
    }

    private static TimeSpan Read(int pid, bool includeWaitedChildren)
    {
        if (Fields(pid) is not { } fields)
        {
            return TimeSpan.Zero;
        }

        // After the command name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (includeWaitedChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    // The fields after "(comm)": the command name may hold spaces and parentheses, so split after the last ')'.
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
