using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Jobs;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Cases.LegalClock;

/// <summary>Reminders, escalations and lapses driven by deadline rows, and the scadenziario.</summary>
public static class ClockExtensions
{
    public static IServiceCollection AddCaseFlowClock(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClockOptions>().Bind(configuration.GetSection(ClockOptions.Section))
            .ValidateCron("Clock:SweepCron", o => o.SweepCron)
            .Validate(o => { try { return o.Offsets().All(t => t > TimeSpan.Zero); } catch (FormatException) { return false; } },
                "Clock:ReminderOffsets must be positive ISO 8601 durations such as P5D.")
            .Validate(o => o.OverdueGraceDays is >= 1 and <= Terms.Term.MaxDays, $"Clock:OverdueGraceDays must be between 1 and {Terms.Term.MaxDays} working days.")
            .ValidateOnStart();
        services.AddSingleton<DeadlineSchedule>();
        services.AddSingleton<SilenceAssent>();
        services.AddSingleton<SubstituteAuthority>();
        services.AddSingleton<DeadlineActions>();
        services.AddSingleton<DeadlineSweeper>();
        services.AddHostedService<DeadlineJobRegistration>();
        services.AddAuthorizationBuilder().AddPolicy(Calendar.Policy, policy => policy.RequireRole(Roles.Supervisor, Roles.Officer, Roles.Admin));
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowClock(this IEndpointRouteBuilder app)
    {
        Calendar.Map(app);
        return app;
    }
}
