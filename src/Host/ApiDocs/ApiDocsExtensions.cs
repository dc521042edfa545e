using Scalar.AspNetCore;

namespace CaseFlow.Host.ApiDocs;

public static class ApiDocsExtensions
{
    public static IServiceCollection AddCaseFlowApiDocs(this IServiceCollection services) =>
        services.AddOpenApi("v1", options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "CaseFlow API";
            document.Info.Description = "Case orchestration for Italian one-stop desks. Authenticate with 'Authorization: ApiKey <key>'.";
            return Task.CompletedTask;
        }));

    /// <summary>The OpenAPI document at <c>/openapi/v1.json</c> and its reference page at <c>/api-docs</c>.</summary>
    public static IEndpointRouteBuilder MapCaseFlowApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/api-docs", options => options.WithTitle("CaseFlow API").WithOpenApiRoutePattern("/openapi/{documentName}.json"));
        return app;
    }
}
