using CaseFlow.ServiceDefaults.Hosting;

namespace CaseFlow.Host;

public static class RunExtensions
{
    /// <summary>Runs the host; a <see cref="StartupException"/> ends it with one clear line and exit code 1.</summary>
    public static void RunCaseFlow(this WebApplication app)
    {
        try
        {
            app.Run();
        }
        catch (Exception ex) when (Find(ex) is { } startup)
        {
            Console.Error.WriteLine($"CaseFlow could not start: {startup.Message}");
            Environment.ExitCode = 1;
        }
    }

    private static StartupException? Find(Exception? ex) => ex switch
    {
        null => null,
        StartupException s => s,
        // ValidateOnStart failures name the setting already; they deserve the same one-line treatment.
        Microsoft.Extensions.Options.OptionsValidationException o => new StartupException(o.Message, o),
        AggregateException a => a.InnerExceptions.Select(Find).FirstOrDefault(f => f is not null),
        _ => Find(ex.InnerException),
    };
}
