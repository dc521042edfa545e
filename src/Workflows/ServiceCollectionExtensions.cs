using CaseFlow.ServiceDefaults.Changes;
using CaseFlow.ServiceDefaults.Jobs;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Activities.Flow;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Runtime;
using CaseFlow.Workflows.Timers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseFlow.Workflows;

public static class ServiceCollectionExtensions
{
    /// <summary>The Elsa 3 engine: definitions, runtime, flow activities, expressions, timers and the Elsa REST API.</summary>
    public static IServiceCollection AddCaseFlowWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowsOptions>().Bind(configuration.GetSection(WorkflowsOptions.Section))
            .ValidateCron("Workflows:TimerSweepCron", o => o.TimerSweepCron)
            .ValidateOnStart();
        services.AddCaseFlowActivities();
        services.AddCaseFlowChangeFeed();
        services.AddSingleton<DefinitionParser>();
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<DefinitionExporter>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<TimerSweeper>();
        services.AddSingleton<TriggerSchedules>();
        services.AddSingleton<HttpRequestSweeper>();
        services.AddSingleton<IWorkflowEffectHandler, Activities.Http.HttpRequestRows>();
        services.AddHostedService<DefinitionFileLoader>();
        services.AddHostedService<RecurringJobsRegistration>();
        ElsaApi.ElsaApiExtensions.AddCaseFlowElsaApi(services, configuration);
        return services;
    }

    private static IServiceCollection AddCaseFlowActivities(this IServiceCollection services)
    {
        services.AddActivitiesFrom<Start>();
        services.AddSingleton<ActivityRegistry>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowWorkflows(this IEndpointRouteBuilder app)
    {
        ElsaApi.ElsaApiExtensions.MapCaseFlowElsaApi(app);
        return app;
    }
}
