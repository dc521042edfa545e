using CaseFlow.Workflows.Expressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>GET /descriptors/expression-descriptors: the expression languages the runtime evaluates. Never empty: an empty list crashes the editor.</summary>
internal static class ExpressionDescriptors
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/descriptors/expression-descriptors", Handle).WithName("ElsaListExpressionDescriptors");

    internal sealed record Descriptor(string Type, string DisplayName, bool IsSerializable, bool IsBrowsable, IReadOnlyDictionary<string, object> Properties);

    private static readonly Dictionary<string, Descriptor> Known = new()
    {
        ["Literal"] = new("Literal", "Literal", true, true, Monaco("plaintext")),
        ["Object"] = new("Object", "Object", true, true, Monaco("json")),
        ["JavaScript"] = new("JavaScript", "JavaScript", true, true, Monaco("javascript")),
        ["Liquid"] = new("Liquid", "Liquid", true, true, Monaco("liquid")),
        // A reference to a variable is picked, not typed: Elsa hides it from the syntax menu too.
        ["Variable"] = new("Variable", "Variable", true, false, Monaco("plaintext")),
    };

    private static IResult Handle() =>
        ElsaJson.Ok(new ListResponse<Descriptor>([.. WorkflowExpression.SupportedTypes.Where(Known.ContainsKey).Select(t => Known[t])]));

    private static Dictionary<string, object> Monaco(string language) => new() { ["MonacoLanguage"] = language };
}
