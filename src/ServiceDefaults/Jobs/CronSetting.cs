using Cronos;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseFlow.ServiceDefaults.Jobs;

/// <summary>
/// The one check of every cron setting, with Cronos (the parser Hangfire and Elsa use): five fields, or six with
/// seconds first. A bad value stops the host with a line that names the key.
/// </summary>
public static class CronSetting
{
    /// <summary>Why <paramref name="value"/> is not a cron expression, naming <paramref name="key"/>; null when it is one.</summary>
    public static string? Problem(string key, string? value)
    {
        var fields = value?.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length ?? 0;
        if (value is null || fields is not (5 or 6))
        {
            return $"{key} must be a cron expression of five fields, or six with seconds first (was '{value}').";
        }

        try
        {
            CronExpression.Parse(value, fields == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
            return null;
        }
        catch (CronFormatException ex)
        {
            return $"{key} is not a valid cron expression (was '{value}'): {ex.Message}";
        }
    }

    /// <summary>Validates the cron setting <paramref name="key"/> of <typeparamref name="TOptions"/> at start-up.</summary>
    public static OptionsBuilder<TOptions> ValidateCron<TOptions>(this OptionsBuilder<TOptions> builder, string key, Func<TOptions, string?> cron)
        where TOptions : class
    {
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new CronValidator<TOptions>(builder.Name, key, cron));
        return builder;
    }

    private sealed class CronValidator<TOptions>(string name, string key, Func<TOptions, string?> cron) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TOptions options) =>
            optionsName is not null && optionsName != name ? ValidateOptionsResult.Skip
            : Problem(key, cron(options)) is { } problem ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
