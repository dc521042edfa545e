using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Organisation;
using CaseFlow.Cases.Procedures;

namespace CaseFlow.Web.Citizens.Services;

/// <summary>The service's schema.org <c>GovernmentService</c>, from the same sheet the page shows.</summary>
public static class ServiceJsonLd
{
    /// <summary>The script element (a component cannot hold a script tag of its own).</summary>
    public static string Script(Procedure procedure, string administration, OfficeEntry? office, string url) =>
        $"<script type=\"application/ld+json\">{For(procedure, administration, office, url)}</script>";

    public static string For(Procedure procedure, string administration, OfficeEntry? office, string url)
    {
        var sheet = procedure.Sheet;
        var json = new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "GovernmentService",
            ["name"] = sheet.Title,
            ["description"] = sheet.Summary,
            ["url"] = url,
            ["serviceType"] = sheet.Category,
            ["areaServed"] = new JsonObject { ["@type"] = "AdministrativeArea", ["name"] = administration },
            ["audience"] = sheet.Audience is null ? null : new JsonObject { ["@type"] = "Audience", ["audienceType"] = sheet.Audience },
            ["provider"] = new JsonObject
            {
                ["@type"] = "GovernmentOrganization",
                ["name"] = office is null ? administration : $"{office.Name} – {office.AgencyName}",
                ["email"] = office?.Email,
            },
            ["availableChannel"] = new JsonObject
            {
                ["@type"] = "ServiceChannel",
                ["name"] = "Online",
                ["serviceUrl"] = url.TrimEnd('/') + "/domanda",
            },
            ["termsOfService"] = sheet.Conditions,
            ["keywords"] = sheet.Topics is { Count: > 0 } topics ? string.Join(", ", topics) : null,
        };
        // The default encoder escapes '<', so the script element cannot be closed by a sheet's text.
        return json.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }
}
