using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Web.Errors;

/// <summary>
/// A browser gets an Italian page for 403, 404 and 500 with a way back; the machine paths (<c>/api</c>, <c>/elsa</c>…)
/// keep their RFC 9457 problem details. Not a UseWhen branch: a branch has no access to the app's endpoints, so it
/// could not re-execute the error page.
/// </summary>
internal static class BrowserErrors
{
    public const string PagePath = "/errore";

    private static readonly string[] MachinePrefixes = ["/api", "/elsa", "/auth", "/health", "/openapi", "/hangfire", "/dev", "/_framework"];

    public static bool IsMachinePath(PathString path) => MachinePrefixes.Any(p => path.StartsWithSegments(p));

    public static void AddServices(IServiceCollection services) => services.AddExceptionHandler<MachineExceptionHandler>();

    public static void Use(IApplicationBuilder app)
    {
        // A fresh scope for the error page: the failed page's Razor services (NavigationManager…) are already initialised.
        app.UseExceptionHandler($"{PagePath}/500", createScopeForErrors: true);
        app.UseStatusCodePagesWithReExecute($"{PagePath}/{{0}}", createScopeForStatusCodePages: true);
        app.Use((context, next) =>
        {
            if (IsMachinePath(context.Request.Path) && context.Features.Get<IStatusCodePagesFeature>() is { } pages
                && context.Features.Get<IStatusCodeReExecuteFeature>() is null)
            {
                // This layer's HTML pages stand aside; the host's outer handler writes the problem details.
                pages.Enabled = false;
            }

            // A failed POST is re-executed as a POST; the error page is read, not submitted.
            if (context.Features.Get<IExceptionHandlerFeature>() is not null || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
            {
                context.Request.Method = HttpMethods.Get;
            }

            return next(context);
        });
    }

    /// <summary>An exception on a machine path answers with problem details, as the host's own handler would.</summary>
    private sealed class MachineExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            // By now the middleware has already pointed the request at the error page: the original path tells who asked.
            var original = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
            if (!IsMachinePath(new PathString(original)))
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, Exception = exception });
        }
    }
}
