using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Activities.Desk;
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
    /// <summary>The workflow runtime, definitions and cases.</summary>
    public static IServiceCollection AddCaseFlowWorkflows(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkflowsOptions>().Bind(configuration.GetSection(WorkflowsOptions.Section))
            .Validate(o => o.TimerSweepCron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length is 5 or 6,
                "Workflows:TimerSweepCron must be a cron expression of five fields, or six with seconds.")
            .ValidateOnStart();
        services.AddCaseFlowActivities();
        services.AddSingleton<DefinitionParser>();
        services.AddSingleton<DefinitionStore>();
        services.AddSingleton<DefinitionExporter>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<TimerSweeper>();
        services.AddHostedService<DefinitionFileLoader>();
        services.AddHostedService<RecurringJobsRegistration>();
        Terms.TermsExtensions.AddCaseFlowTerms(services, configuration);
        Cases.CasesExtensions.AddCaseFlowCases(services, configuration);
        Clock.ClockExtensions.AddCaseFlowClock(services, configuration);
        ElsaApi.ElsaApiExtensions.AddCaseFlowElsaApi(services, configuration);
        return services;
    }

    private static IServiceCollection AddCaseFlowActivities(this IServiceCollection services)
    {
        services.AddSingleton<IActivityHandler, Start>();
        services.AddSingleton<IActivityHandler, End>();
        services.AddSingleton<IActivityHandler, Finish>();
        services.AddSingleton<IActivityHandler, FlowDecision>();
        services.AddSingleton<IActivityHandler, FlowSwitch>();
        services.AddSingleton<IActivityHandler, FlowFork>();
        services.AddSingleton<IActivityHandler, FlowJoin>();
        services.AddSingleton<IActivityHandler, SetVariable>();
        services.AddSingleton<IActivityHandler, WriteLine>();
        services.AddSingleton<IActivityHandler, Correlate>();
        services.AddSingleton<IActivityHandler, Delay>();
        services.AddSingleton<IActivityHandler, Activities.Flow.Timer>();
        services.AddSingleton<IActivityHandler, StartAt>();
        services.AddSingleton<IActivityHandler, SetOutput>();
        services.AddSingleton<IActivityHandler, Complete>();
        services.AddSingleton<IActivityHandler, Fault>();
        services.AddSingleton<IActivityHandler, SetName>();
        services.AddSingleton<IActivityHandler, RunJavaScript>();
        services.AddSingleton<IActivityHandler, Sequence>();
        services.AddSingleton<IActivityHandler, ForEach>();
        services.AddSingleton<IActivityHandler, ParallelForEach>();
        services.AddSingleton<IActivityHandler, OfficeTask>();
        services.AddSingleton<IActivityHandler, RequestIntegration>();
        services.AddSingleton<IActivityHandler, NoticeOfRefusal>();
        services.AddSingleton<IActivityHandler, IssueFinalAct>();
        services.AddSingleton<IActivityHandler, NotifyCitizen>();
        services.AddSingleton<ActivityRegistry>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowWorkflows(this IEndpointRouteBuilder app)
    {
        Terms.DueDateEndpoint.MapCaseFlowTerms(app);
        Cases.CasesExtensions.MapCaseFlowCases(app);
        ElsaApi.ElsaApiExtensions.MapCaseFlowElsaApi(app);
        return app;
    }
}
