using System.Text.Json.Nodes;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Tests.Workflows;

/// <summary>The conversions Elsa applies when a typed variable is set, for the types designers pick in the Studio.</summary>
public class TypedValuesTests
{
    public static TheoryData<string, bool, string, string> Conversions => new()
    {
        { "Int32", false, "\"0\"", "0" },
        { "Int32", false, "\" 12 \"", "12" },
        { "System.Int64", false, "\"9000000000\"", "9000000000" },
        { "Double", false, "\"1.5\"", "1.5" },
        { "Decimal", false, "\"10.25\"", "10.25" },
        { "Boolean", false, "\"True\"", "true" },
        { "String", false, "42", "\"42\"" },
        { "String", false, "true", "\"true\"" },
        { "DateTime", false, "\"2024-05-01T10:00:00Z\"", "\"2024-05-01T10:00:00.0000000+00:00\"" },
        { "TimeSpan", false, "\"PT5M\"", "\"00:05:00\"" },
        { "Object", false, "\"{\\\"a\\\":1}\"", "\"{\\\"a\\\":1}\"" },
        { "JsonObject", false, "\"{\\\"a\\\":1}\"", "{\"a\":1}" },
        { "Int32", true, "\"[1, \\\"2\\\"]\"", "[1,2]" },
        { "String[]", false, "[1, \"b\"]", "[\"1\",\"b\"]" },
        { "Int32", false, "\"\"", "null" },
    };

    [Theory]
    [MemberData(nameof(Conversions))]
    public void A_value_is_stored_as_the_declared_type(string typeName, bool isArray, string given, string stored)
    {
        var converted = TypedValues.Convert(JsonNode.Parse(given), typeName, isArray);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(stored), converted), $"{typeName}: {given} became {converted?.ToJsonString() ?? "null"}");
    }

    [Theory]
    [InlineData("Int32", "\"dieci\"")]
    [InlineData("Int32", "\"3000000000\"")]
    [InlineData("Boolean", "\"forse\"")]
    [InlineData("Guid", "\"non-un-guid\"")]
    public void A_value_that_is_not_of_the_type_is_an_expression_error(string typeName, string given) =>
        Assert.Throws<ExpressionException>(() => TypedValues.Convert(JsonNode.Parse(given), typeName, isArray: false));
}
