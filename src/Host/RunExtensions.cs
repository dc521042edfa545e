using CaseFlow.Host.Commands;
using CaseFlow.Host.Database;
using CaseFlow.ServiceDefaults.Hosting;
using Npgsql;

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

    /// <summary>Runs a one-shot command on an up-to-date database instead of serving; returns the exit code.</summary>
    public static async Task<int> RunCaseFlowCommandAsync(this WebApplication app, HostCommand command)
    {
        try
        {
            var database = app.Services.GetRequiredService<CaseFlowDatabase>();
            await ActivatorUtilities.CreateInstance<MigrationRunner>(app.Services, database.DataSource).MigrateAsync(CancellationToken.None);
            return await command.RunAsync(app);
        }
        catch (Exception ex) when (Find(ex) is { } startup)
        {
            Console.Error.WriteLine($"CaseFlow could not run {command.Name}: {startup.Message}");
            return 1;
        }
        catch (NpgsqlException ex)
        {
            Console.Error.WriteLine($"CaseFlow could not run {command.Name}: the database given by {CaseFlowDatabase.ConnectionStringSetting} failed: {ex.Message}");
            return 1;
        }
        finally
        {
            await app.DisposeAsync();
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
