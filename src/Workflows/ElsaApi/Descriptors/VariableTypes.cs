using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>GET /descriptors/variables: the variable types the Variables tab offers, with Elsa's type aliases (values are stored as JSON).</summary>
internal static class VariableTypes
{
    internal sealed record VariableType(string TypeName, string DisplayName, string Category, string? Description);

    private static readonly VariableType[] Types =
    [
        new("String", "String", "Primitives", "Testo."),
        new("Boolean", "Boolean", "Primitives", "Vero o falso."),
        new("Int32", "Int32", "Primitives", "Numero intero."),
        new("Int64", "Int64", "Primitives", "Numero intero lungo."),
        new("Double", "Double", "Primitives", "Numero decimale."),
        new("Decimal", "Decimal", "Primitives", "Importo o numero decimale esatto."),
        new("DateTime", "DateTime", "Primitives", "Data e ora."),
        new("DateTimeOffset", "DateTimeOffset", "Primitives", "Data e ora con fuso orario."),
        new("TimeSpan", "TimeSpan", "Primitives", "Durata."),
        new("Guid", "Guid", "Primitives", "Identificativo univoco."),
        new("Object", "Object", "Dynamic", "Qualsiasi valore JSON."),
        new("JsonObject", "JsonObject", "Dynamic", "Oggetto JSON."),
        new("StringDictionary", "StringDictionary", "Dictionaries", "Coppie chiave/valore di testo."),
        new("ObjectDictionary", "ObjectDictionary", "Dictionaries", "Coppie chiave/valore."),
    ];

    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/descriptors/variables", () => ElsaJson.Ok(new ListResponse<VariableType>(Types))).WithName("ElsaListVariableTypes");
}
