using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>Elsa's InputDescriptor. Drop-downs carry their items in <c>uiSpecifications.dropdown.selectList</c> (what Studio 3.8 reads) and in the older <c>options</c>.</summary>
internal static class InputJson
{
    public static JsonObject Describe(InputDescriptor input, int order, IConfiguration configuration, Organisation.IOfficeDirectory? offices = null)
    {
        var json = new JsonObject
        {
            ["name"] = input.Name,
            ["typeName"] = input.TypeName,
            ["displayName"] = input.DisplayName,
            ["description"] = input.Description,
            ["order"] = order,
            ["isBrowsable"] = true,
            ["isSynthetic"] = false,
            ["isWrapped"] = input.IsWrapped,
            ["uiHint"] = input.UiHint,
            ["category"] = null,
            ["defaultValue"] = input.DefaultValue is null ? null : JsonValue.Create(input.DefaultValue.ToString()),
            // The Studio reads a dynamic-outcomes input as an Object expression (a JSON array of names).
            ["defaultSyntax"] = input.UiHint == UiHints.DynamicOutcomes ? "Object" : input.DefaultSyntax,
            ["isReadOnly"] = false,
            ["isSensitive"] = false,
            ["storageDriverType"] = null,
            ["options"] = null,
            ["uiSpecifications"] = null,
        };
        if (input.UiHint == UiHints.DropDown)
        {
            var selectList = new JsonObject
            {
                ["items"] = new JsonArray([.. Options(input, configuration, offices).Select(o => (JsonNode)new JsonObject { ["text"] = o.Text, ["value"] = o.Value })]),
                ["isFlagsEnum"] = false,
            };
            json["options"] = selectList.DeepClone();
            json["uiSpecifications"] = new JsonObject { ["dropdown"] = new JsonObject { ["selectList"] = selectList } };
        }

        return json;
    }

    /// <summary>
    /// Static options, or those of a configured source: <c>Workflows:Offices</c> / <c>Workflows:Templates</c>, each entry
    /// a string or <c>{value, text}</c>. An unconfigured source offers nothing rather than failing the editor.
    /// </summary>
    public static IReadOnlyList<SelectOption> Options(InputDescriptor input, IConfiguration configuration, Organisation.IOfficeDirectory? offices = null)
    {
        if (input.OptionsSource is not { } source)
        {
            return input.Options ?? [];
        }

        var configured = Configured(source, configuration);
        if (configured.Count > 0)
        {
            return configured;
        }

        // Without an explicit list, the organisation's offices and the citizen templates CaseFlow ships.
        return source switch
        {
            "offices" when offices is not null => [.. offices.Offices.Select(o => new SelectOption($"{o.Name} — {o.AgencyName}", o.Id))],
            "templates" => [.. CitizenTemplates.Select(t => new SelectOption(t.Text, t.Value))],
            _ => [],
        };
    }

    private static readonly SelectOption[] CitizenTemplates =
    [
        new("Avanzamento della pratica", "step-advanced"),
        new("Richiesta di documenti", "documents-requested"),
        new("Termine sospeso", "clock-suspended"),
        new("Termine ripreso", "clock-resumed"),
        new("Preavviso di rigetto (art. 10-bis)", "refusal-notice"),
        new("Provvedimento finale", "final-act"),
    ];

    private static IReadOnlyList<SelectOption> Configured(string source, IConfiguration configuration)
    {
        var section = configuration.GetSection($"Workflows:{char.ToUpperInvariant(source[0])}{source[1..]}");
        return [.. section.GetChildren().Select(entry => entry.Value is { } plain
                ? new SelectOption(plain, plain)
                : new SelectOption(entry["text"] ?? entry["name"] ?? entry["value"] ?? entry.Key, entry["value"] ?? entry["id"] ?? entry.Key))];
    }
}
