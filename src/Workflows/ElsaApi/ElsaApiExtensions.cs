using CaseFlow.ServiceDefaults.Access;
using CaseFlow.Workflows.ElsaApi.ActivityExecutions;
using CaseFlow.Workflows.ElsaApi.Alterations;
using CaseFlow.Workflows.ElsaApi.Bookmarks;
using CaseFlow.Workflows.ElsaApi.Descriptors;
using CaseFlow.Workflows.ElsaApi.Features;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;
using CaseFlow.Workflows.ElsaApi.WorkflowInstances;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CaseFlow.Workflows.ElsaApi;

/// <summary>The part of Elsa 3's REST API that Elsa Studio calls, under <c>/elsa/api</c>, served by CaseFlow's own runtime.</summary>
public static class ElsaApiExtensions
{
    public const string RoutePrefix = "/elsa/api";

    /// <summary>Policy for reading instances: designers draw the procedures, supervisors watch them run.</summary>
    public const string DesignerOrSupervisor = "designer-or-supervisor";

    public static IServiceCollection AddCaseFlowElsaApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<AuthorizationOptions>(options =>
            options.AddPolicy(DesignerOrSupervisor, policy => policy.RequireRole(Roles.Designer, Roles.Supervisor, Roles.Admin)));
        services.AddCors(options => options.AddPolicy(StudioCors.PolicyName, StudioCors.Policy(configuration)));
        services.AddTransient<IStartupFilter, StudioCors.StartupFilter>();
        services.AddSingleton<InstanceReader>();
        services.AddSingleton<VariableEditor>();
        // The desk registers its own (instances that carry a case); alone, the engine protects nothing.
        services.TryAddSingleton<IProtectedInstances, NoProtectedInstances>();
        services.AddSingleton<InstanceGuard>();
        services.AddDataProtection();
        services.AddSingleton<ResumeTokens>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowElsaApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(RoutePrefix).WithTags("Elsa API").AddEndpointFilter<ElsaErrors>();

        // Anonymous as in Elsa: the token is the credential.
        ResumeByToken.Map(api);

        var designer = api.MapGroup("").RequireAuthorization(Roles.Designer);
        DefinitionEndpoints.Map(designer);
        DescriptorEndpoints.Map(designer);
        InstalledFeatures.Map(designer);

        var readers = api.MapGroup("").RequireAuthorization(DesignerOrSupervisor);
        InstanceEndpoints.Map(readers);
        ActivityExecutionEndpoints.Map(readers);

        // The designer policy admits admins too: running, resuming, cancelling and retrying are for admins or designers.
        var runners = api.MapGroup("").RequireAuthorization(Roles.Designer);
        RunEndpoints.Map(runners);
        ControlEndpoints.Map(runners);
        AlterationEndpoints.Map(runners);
        ListBookmarks.Map(runners);
        Events.TriggerEvent.Map(runners);
        return app;
    }
}
