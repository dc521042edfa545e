using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using CaseFlow.Workflows.ElsaApi.WorkflowDefinitions;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Workflows.ElsaApi;

/// <summary>
/// CORS for Elsa Studio: the host's own origins (from <c>Urls</c>) plus <c>ElsaApi:CorsOrigins</c>. The Studio reads
/// <c>x-elsa-workflow-instance-id</c> after "Run", so the header must be exposed.
/// </summary>
internal static class StudioCors
{
    public const string PolicyName = "studio";

    public static Action<CorsPolicyBuilder> Policy(IConfiguration configuration) => policy =>
    {
        var origins = (configuration["Urls"] ?? "http://localhost:5080")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Concat(configuration.GetSection("ElsaApi:CorsOrigins").Get<string[]>() ?? [])
            .Select(o => o.TrimEnd('/'))
            .ToArray();
        policy.WithOrigins(origins)
            .WithHeaders("Authorization", "Content-Type", "X-Tenant-Id")
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithExposedHeaders(RunEndpoints.InstanceIdHeader, "x-elsa-response", "Content-Disposition");
    };

    /// <summary>
    /// Runs the CORS middleware before authentication (a preflight carries no API key) and only under /elsa/api,
    /// without touching the host's pipeline.
    /// </summary>
    internal sealed class StartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.UseWhen(context => context.Request.Path.StartsWithSegments(ElsaApiExtensions.RoutePrefix), branch => branch.UseCors(PolicyName));
            next(app);
        };
    }
}
