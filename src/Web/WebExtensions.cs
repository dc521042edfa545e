using CaseFlow.Web.Account;
using CaseFlow.Web.Components;
using CaseFlow.Web.Culture;
using CaseFlow.Web.Errors;
using CaseFlow.Web.Hosting;
using CaseFlow.Web.Layout;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CaseFlow.Web;

/// <summary>The operators' pages: Razor components rendered on the server, one request at a time, nothing kept between them.</summary>
public static class WebExtensions
{
    public static WebApplicationBuilder AddCaseFlowWeb(this WebApplicationBuilder builder)
    {
        // The framework's blazor.web.js is a static web asset: from the build output too (tests, dotnet run in any
        // environment), not only in Development; a published host has it under wwwroot and this finds no manifest.
        builder.WebHost.UseStaticWebAssets();
        var services = builder.Services;
        var configuration = builder.Configuration;
        services.AddOptions<WebOptions>().Bind(configuration.GetSection(WebOptions.Section));
        services.AddRazorComponents();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddSingleton<WebAssets>();
        services.AddSingleton<Administration>();
        BrowserErrors.AddServices(services);
        // The data-protection key ring the pages' cookies and antiforgery tokens need is the host's, kept in PostgreSQL.
        return builder;
    }

    /// <summary>
    /// Before the host's authentication and authorisation, so that a refusal (403) or a sign-in redirect is seen by
    /// the browsers' error pages: the culture, then the error pages.
    /// </summary>
    public static IApplicationBuilder UseCaseFlowWeb(this IApplicationBuilder app)
    {
        app.UseRequestLocalization(WebCulture.Options());
        BrowserErrors.Use(app);
        return app;
    }

    /// <summary>After the host's authentication: assets, antiforgery, then the pages themselves.</summary>
    public static WebApplication MapCaseFlowWeb(this WebApplication app)
    {
        app.Services.GetRequiredService<WebAssets>().Serve(app);
        app.UseAntiforgery();
        WebCulture.MapSwitch(app);
        SignOutEndpoint.Map(app);
        Citizens.Account.CitizenSignInEndpoints.Map(app);
        Citizens.Replies.ReplyEndpoint.Map(app);
        Citizens.Evaluation.EvaluationEndpoint.Map(app);
        Citizens.PersonalArea.ReceiptEndpoint.Map(app);
        Citizens.Apply.DocumentsEndpoint.Map(app);
        Citizens.PersonalArea.DraftEndpoints.Map(app);
        Desk.DeskFiles.Map(app);
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
