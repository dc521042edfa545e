using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace CaseFlow.Host.Jobs;

/// <summary>
/// Hangfire keeps one static log provider per process, pointing at the logger factory of the host that configured it
/// last. With several hosts in one process (the tests) a stopped host's factory is disposed while the others still
/// create Hangfire clients; they then get a silent logger instead of an <see cref="ObjectDisposedException"/>.
/// </summary>
internal sealed class DisposalTolerantLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
