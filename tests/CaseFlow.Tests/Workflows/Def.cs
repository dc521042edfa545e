using System.Text.Json.Nodes;

namespace CaseFlow.Tests.Workflows;

/// <summary>Builds Elsa 3 definition JSON in the shape the Studio saves, so tests read like the diagrams they draw.</summary>
public static class Def
{
    public static JsonObject Flowchart(string definitionId, JsonObject[] activities, (string From, string Port, string To)[] connections, params string[] variables) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["version"] = 1,
        ["toolVersion"] = "3.8.0",
        ["variables"] = new JsonArray([.. variables.Select(v => (JsonNode)new JsonObject { ["id"] = v, ["name"] = v, ["typeName"] = "Object", ["isArray"] = false, ["value"] = null })]),
        ["inputs"] = new JsonArray(),
        ["outputs"] = new JsonArray(),
        ["outcomes"] = new JsonArray(),
        ["customProperties"] = new JsonObject(),
        ["options"] = new JsonObject { ["usableAsActivity"] = false },
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "flowchart1",
            ["nodeId"] = "Workflow1:flowchart1",
            ["metadata"] = new JsonObject(),
            ["customProperties"] = new JsonObject(),
            ["activities"] = new JsonArray([.. activities.Select(a => (JsonNode)a)]),
            ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.From, ["port"] = c.Port },
                ["target"] = new JsonObject { ["activity"] = c.To, ["port"] = "In" },
                ["vertices"] = new JsonArray(),
            })]),
        },
    };

    public static JsonObject Activity(string id, string type, params (string Input, JsonNode? Value)[] inputs)
    {
        var activity = new JsonObject
        {
            ["id"] = id,
            ["nodeId"] = $"Workflow1:flowchart1:{id}",
            ["name"] = id,
            ["type"] = type,
            ["version"] = 1,
            ["customProperties"] = new JsonObject(),
            ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 0, ["y"] = 0 } } },
        };
        foreach (var (input, value) in inputs)
        {
            activity[input] = value;
        }

        return activity;
    }

    public static JsonObject Literal(object? value, string typeName = "String") => Expression("Literal", value is null ? null : JsonValue.Create(value), typeName);

    public static JsonObject Js(string script, string typeName = "Object") => Expression("JavaScript", script, typeName);

    public static JsonObject Liquid(string template) => Expression("Liquid", template, "String");

    public static JsonObject Expression(string type, JsonNode? value, string typeName = "Object") => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
        ["memoryReference"] = null,
    };

    public static JsonObject Start(string id = "start") => Activity(id, "Elsa.Start");

    public static JsonObject End(string id = "end") => Activity(id, "Elsa.End");

    public static JsonObject OfficeTask(string id, string office, params string[] outcomes) => Activity(id, "CaseFlow.OfficeTask",
        ("office", Literal(office)), ("title", Literal($"Compito {id}")),
        ("outcomes", Expression("Literal", new JsonArray([.. outcomes.Select(o => (JsonNode)o)]).ToJsonString(), "String[]")));

    public static JsonObject SetVariable(string id, string variable, JsonObject value) => Activity(id, "Elsa.SetVariable",
        ("variable", new JsonObject { ["id"] = variable, ["name"] = variable, ["typeName"] = "Object" }), ("value", value));

    public static JsonObject Decision(string id, string script) => Activity(id, "Elsa.FlowDecision", ("condition", Js(script, "Boolean")));

    public static JsonObject Fork(string id, params string[] branches) => Activity(id, "Elsa.FlowFork",
        ("branches", Expression("Literal", new JsonArray([.. branches.Select(b => (JsonNode)b)]).ToJsonString(), "String[]")));

    public static JsonObject Join(string id, string mode) => Activity(id, "Elsa.FlowJoin", ("mode", Literal(mode)));

    public static JsonObject Delay(string id, string timeSpan) => Activity(id, "Elsa.Delay", ("timeSpan", Literal(timeSpan, "TimeSpan")));
}
