using CaseFlow.DevIdentity;
using CaseFlow.Host.ApiDocs;
using CaseFlow.Host.Auth;
using CaseFlow.Host.DataProtection;
using CaseFlow.Host.Database;
using CaseFlow.Host.Health;
using CaseFlow.Host.Jobs;
using CaseFlow.Host.Network;
using CaseFlow.Host.Studio;
using CaseFlow.Web;

namespace CaseFlow.Host;

/// <summary>The host's own parts: database, jobs, authentication, health, API docs, error handling.</summary>
public static class HostExtensions
{
    public static WebApplicationBuilder AddCaseFlowHost(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        builder.Services.AddCaseFlowNetwork(builder.Configuration);
        builder.Services.AddCaseFlowDatabase(builder.Configuration);
        builder.Services.AddCaseFlowDataProtection();
        builder.Services.AddCaseFlowAuthentication(builder.Configuration);
        builder.Services.AddCaseFlowDevIdentity(builder.Configuration, builder.Environment);
        builder.Services.AddCaseFlowCitizenSignIn(builder.Configuration);
        builder.Services.AddCaseFlowJobs(builder.Configuration);
        builder.Services.AddCaseFlowHealth();
        builder.Services.AddCaseFlowApiDocs();
        builder.Services.AddCaseFlowStudio(builder.Configuration);
        return builder;
    }

    public static WebApplication UseCaseFlowHost(this WebApplication app)
    {
        // First: every later guard (loopback checks, per-address limits, the cookie's Secure flag) sees the client.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCaseFlowDevIdentity(app.Configuration);
        app.UseCaseFlowWeb();
        app.UseAuthentication();
        app.UseCaseFlowCitizenSession();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapCaseFlowHealth();
        app.MapCaseFlowApiDocs();
        app.MapCaseFlowJobsDashboard();
        app.MapCaseFlowApiKeys();
        app.MapCaseFlowLogin();
        app.MapCaseFlowStudio();
        return app;
    }
}
