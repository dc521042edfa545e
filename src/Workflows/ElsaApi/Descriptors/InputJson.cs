using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using Microsoft.Extensions.Configuration;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>Elsa's InputDescriptor. Drop-downs carry their items in <c>uiSpecifications.dropdown.selectList</c> (what Studio 3.8 reads) and in the older <c>options</c>.</summary>
internal static class InputJson
{
    public static JsonObject Describe(InputDescriptor input, int order, IConfiguration configuration, IEnumerable<IInputOptionsSource>? sources = null)
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
                ["items"] = new JsonArray([.. Options(input, configuration, sources).Select(o => (JsonNode)new JsonObject { ["text"] = o.Text, ["value"] = o.Value })]),
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
    public static IReadOnlyList<SelectOption> Options(InputDescriptor input, IConfiguration configuration, IEnumerable<IInputOptionsSource>? sources = null)
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

        // Without an explicit list, what the module that owns the source offers.
        return sources?.FirstOrDefault(s => s.Name == source)?.Options() ?? [];
    }

    private static IReadOnlyList<SelectOption> Configured(string source, IConfiguration configuration)
    {
        var section = configuration.GetSection($"Workflows:{char.ToUpperInvariant(source[0])}{source[1..]}");
        return [.. section.GetChildren().Select(entry => entry.Value is { } plain
                ? new SelectOption(plain, plain)
                : new SelectOption(entry["text"] ?? entry["name"] ?? entry["value"] ?? entry.Key, entry["value"] ?? entry["id"] ?? entry.Key))];
    }
}
