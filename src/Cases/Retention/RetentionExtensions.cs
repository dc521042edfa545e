using CaseFlow.ServiceDefaults.Jobs;
using CaseFlow.ServiceDefaults.Retention;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseFlow.Cases.Retention;

public static class RetentionExtensions
{
    /// <summary>The desk's retention rules and the nightly job that applies every module's rules.</summary>
    public static IServiceCollection AddCaseFlowRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.Section))
            .Validate(o => o.ClosedCaseDays >= 0 && o.ReadAuditDays >= 0 && o.IdempotencyDays >= 0, "Retention:*Days must be 0 (keep) or positive.")
            .Validate(o => CronSetting.Problem("Retention:Cron", o.Cron) is null, "Retention:Cron must be a cron expression.")
            .ValidateOnStart();
        services.AddSingleton<IRetentionRule, ClosedCaseErasure>();
        services.AddSingleton<IRetentionRule, ExpiredCaseReads>();
        services.AddSingleton<IRetentionRule, ExpiredIdempotencyKeys>();
        services.TryAddSingleton<RetentionSweep>();
        services.AddHostedService<RetentionJobRegistration>();
        return services;
    }
}
