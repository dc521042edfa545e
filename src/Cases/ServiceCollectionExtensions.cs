using System.Threading.RateLimiting;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using CaseFlow.Cases.Drafts;

namespace CaseFlow.Cases;

/// <summary>The desk: organisation, procedures, intake, case file, tasks, legal clock, deadlines, messages, documents, protocol, tracking.</summary>
public static class ServiceCollectionExtensions
{
    public static IServiceCollection AddCaseFlowCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCaseFlowTerms(configuration);
        services.AddCaseFlowClock(configuration);
        services.AddCaseFlowRetention(configuration);
        services.AddCaseFlowDrafts(configuration);
        services.AddActivitiesFrom<OfficeTask>();
        services.AddSingleton<IInputOptionsSource, OfficeOptions>();
        services.AddSingleton<IInputOptionsSource, TemplateOptions>();
        services.AddOptions<OrganisationOptions>().Bind(configuration.GetSection(OrganisationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OrganisationOptions>, OrganisationOptionsValidator>();
        services.AddOptions<CasesOptions>().Bind(configuration.GetSection(CasesOptions.Section))
            .Validate(o => o.MaxDocumentBytes > 0, "Cases:MaxDocumentBytes must be positive.")
            .Validate(o => o.MaxConcurrentIntakes > 0, "Cases:MaxConcurrentIntakes must be positive.")
            .Validate(o => o.TrackingRequestsPerMinute > 0, "Cases:TrackingRequestsPerMinute must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IOfficeDirectory, ConfiguredOfficeDirectory>();
        services.AddSingleton<ProcedureCatalogue>();
        services.AddSingleton<CaseClock>();
        services.AddSingleton<CaseSignals>();
        services.AddSingleton<ClockSignals>();
        services.AddSingleton<CitizenMessages>();
        services.AddSingleton<NoticeOfStart>();
        services.TryAddSingleton<ICitizenMailer, OutboxCitizenMailer>();
        services.AddSingleton<Procedures.Forms.ProcedureForm>();
        services.AddSingleton<IntakeValidation>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<CaseIntake>();
        services.AddSingleton<TaskMove>();
        services.AddSingleton<TaskWork>();
        services.AddSingleton<CaseFileReader>();
        services.AddSingleton<CaseSearch>();
        services.AddSingleton<OfficeQueue>();
        services.AddSingleton<TaskReader>();
        services.AddSingleton<Supervision.OfficeWorkload>();
        services.AddSingleton<DeadlineCalendar>();
        services.AddSingleton<CitizenReplies>();
        services.AddSingleton<CaseTracker>();
        services.AddSingleton<CitizenCases>();
        services.AddSingleton<CaseDocuments>();
        services.AddSingleton<Receipts.ReceiptFonts>();
        services.AddSingleton<Receipts.CaseReceipts>();
        services.AddSingleton<Indicators.DeskIndicators>();
        services.AddSingleton<Satisfaction.ServiceEvaluations>();
        services.AddSingleton<Indicators.PublicTimes>();
        services.AddSingleton<Indicators.NetworkExport>();
        services.AddSingleton<IWorkflowEffectHandler, CaseEffectHandler>();
        services.AddSingleton<CaseFlow.Workflows.ElsaApi.Protection.IProtectedInstances, CaseInstances>();
        services.AddAuthorizationBuilder().AddPolicy(CaseAccess.ReadPolicy, policy => policy.RequireRole(CaseAccess.ReaderRoles));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(TrackCase.RateLimitPolicy, http =>
            {
                var perMinute = http.RequestServices.GetRequiredService<IOptions<CasesOptions>>().Value.TrackingRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
            });
        });
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowCases(this IEndpointRouteBuilder app)
    {
        app.MapCaseFlowTerms();
        OrganisationEndpoint.MapOrganisation(app);
        ProcedureCatalogue.Map(app);
        StartCase.Map(app);
        GetCase.Map(app);
        Receipts.ReceiptEndpoint.Map(app);
        CaseReads.Map(app);
        SearchCases.Map(app);
        TrackCase.Map(app);
        SatisfactionSurvey.Map(app);
        Indicators.IndicatorEndpoints.Map(app);
        Indicators.TransparencyEndpoints.Map(app);
        CitizenReplyEndpoints.Map(app);
        DocumentEndpoints.Map(app);
        OfficeTaskList.Map(app);
        TaskEndpoints.Map(app);
        ClockExtensions.MapCaseFlowClock(app);
        return app;
    }
}
