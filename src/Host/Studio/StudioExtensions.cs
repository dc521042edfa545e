namespace CaseFlow.Host.Studio;

/// <summary>The official Elsa Studio at <c>/studio</c>: our host page, its settings file and the bundle's files.</summary>
public static class StudioExtensions
{
    public const string BasePath = "/studio";

    public static IServiceCollection AddCaseFlowStudio(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StudioOptions>().Bind(configuration.GetSection(StudioOptions.Section))
            .Validate(o => o.KeyLifetime > TimeSpan.Zero, "Studio:KeyLifetime must be a positive time span (e.g. 08:00:00).")
            .ValidateOnStart();
        services.AddSingleton<StudioBundle>();
        services.AddSingleton<StudioAccessKeys>();
        return services;
    }

    public static WebApplication MapCaseFlowStudio(this WebApplication app)
    {
        app.UseCaseFlowStudioFiles(app.Services.GetRequiredService<StudioBundle>());
        app.MapGet(BasePath, StudioPage.ServeAsync).ExcludeFromDescription();
        app.MapGet(BasePath + "/index.html", StudioPage.ServeAsync).ExcludeFromDescription();
        // The WebAssembly host reads appsettings.json beside the page; the package's own points at localhost:5001.
        app.MapGet(BasePath + "/appsettings.json", (HttpRequest request) =>
            Results.Json(new { Backend = new { Url = StudioPage.RemoteEndpoint(request) } })).ExcludeFromDescription();
        return app;
    }
}
