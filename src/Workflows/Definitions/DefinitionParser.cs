using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Activities.Flow;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Workflows.Definitions;

/// <summary>
/// Reads an Elsa 3 workflow definition model and checks everything that would otherwise fail at run time:
/// root type, unknown activity types, duplicate ids, connections to missing activities or ports, no start,
/// expressions that do not compile. Every problem is reported, not just the first.
/// </summary>
public sealed partial class DefinitionParser(ActivityRegistry registry)
{
    private readonly ActivityRegistry registry = registry;

    /// <summary>The most activities (at any depth) a definition may hold.</summary>
    public const int MaxActivities = 2000;

    private static int CountActivities(JsonObject root)
    {
        var count = 0;
        var pending = new Stack<JsonNode?>([root]);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case JsonObject node:
                    if (node["type"] is JsonValue type && type.TryGetValue<string>(out _) && node["id"] is JsonValue)
                    {
                        count++;
                    }

                    foreach (var (_, child) in node)
                    {
                        if (child is JsonObject or JsonArray)
                        {
                            pending.Push(child);
                        }
                    }

                    break;
                case JsonArray array:
                    foreach (var child in array)
                    {
                        pending.Push(child);
                    }

                    break;
            }
        }

        return count;
    }

    public WorkflowDefinition Parse(JsonObject document, string source)
    {
        var errors = new List<DefinitionError>();
        var definitionId = Text(document, "definitionId");
        if (string.IsNullOrWhiteSpace(definitionId))
        {
            errors.Add(new("definitionId", null, "A definition needs a definitionId."));
        }

        var version = document["version"] is JsonValue v && v.TryGetValue<int>(out var parsedVersion) ? parsedVersion : 1;
        var variables = ParseVariables(document["variables"] as JsonArray, errors);
        var root = document["root"] as JsonObject;
        Flowchart? flowchart = null;
        if (root is not null && CountActivities(root) is var count and > MaxActivities)
        {
            // Checked before anything walks the graph: a definition's size bounds the work of every step over it.
            errors.Add(new("root", null, $"A definition may hold at most {MaxActivities} activities; this one has {count}. Split it into sub-procedures."));
            throw new DefinitionValidationException(source, errors);
        }

        if (root is null)
        {
            errors.Add(new("root", null, "A definition needs a root activity (an Elsa.Flowchart)."));
        }
        else if (Text(root, "type") == Flowchart.ElsaType)
        {
            flowchart = ParseFlowchart(root, errors);
        }
        else if (Text(root, "type") == Sequence.TypeName)
        {
            // A sequence root is a flowchart holding just that sequence.
            flowchart = ParseFlowchart(Text(root, "id") ?? "sequence", Text(root, "nodeId") ?? $"Workflow1:{Text(root, "id") ?? "sequence"}", [(root, "root")], null, errors);
        }
        else
        {
            errors.Add(new("root.type", null,
                $"CaseFlow runs Elsa.Flowchart and Elsa.Sequence roots; '{Text(root, "type")}' is not supported (draw the procedure as a flowchart)."));
        }

        if (errors.Count > 0 || flowchart is null)
        {
            throw new DefinitionValidationException(source, errors);
        }

        return new WorkflowDefinition
        {
            Id = Text(document, "id") ?? $"{definitionId}-v{version}",
            DefinitionId = definitionId!,
            Version = version,
            Name = Text(document, "name") ?? definitionId!,
            Description = Text(document, "description"),
            IsLatest = document["isLatest"]?.GetValueKind() == JsonValueKind.True,
            IsPublished = document["isPublished"]?.GetValueKind() == JsonValueKind.True,
            CreatedAt = DateTimeOffset.TryParse(Text(document, "createdAt"), out var created) ? created : DateTimeOffset.UnixEpoch,
            Document = document,
            Root = flowchart,
            Variables = variables,
            Inputs = [.. (document["inputs"] as JsonArray ?? []).OfType<JsonObject>().Select(i => Text(i, "name")).OfType<string>()],
        };
    }

    private Flowchart ParseFlowchart(JsonObject root, List<DefinitionError> errors)
    {
        var rootId = Text(root, "id") ?? "flowchart";
        var items = (root["activities"] as JsonArray ?? []).Select((item, i) => (item, $"root.activities[{i}]"));
        return ParseFlowchart(rootId, Text(root, "nodeId") ?? $"Workflow1:{rootId}", items, root["connections"] as JsonArray, errors);
    }

    private Flowchart ParseFlowchart(string rootId, string rootNodeId, IEnumerable<(JsonNode? Item, string Path)> items, JsonArray? connectionsJson, List<DefinitionError> errors)
    {
        var graph = new Graph();
        foreach (var (item, path) in items)
        {
            AddActivity(item, path, rootNodeId, graph, errors);
        }

        var connections = ParseConnections(connectionsJson, "root.connections", graph, errors);
        connections.AddRange(graph.Chained);
        connections.AddRange(graph.BodyConnections);
        var start = FindStart([.. graph.Activities.Where(a => a.Scope is null)], connections, errors);
        return new Flowchart(rootId, rootNodeId, graph.Activities, connections, start, graph.Bodies);
    }

    private List<Connection> ParseConnections(JsonArray? array, string arrayPath, Graph graph, List<DefinitionError> errors)
    {
        var byId = graph.Activities.ToDictionary(a => a.Id);
        var refused = graph.Refused;
        var connections = new List<Connection>();
        var index = 0;
        foreach (var item in array ?? [])
        {
            var path = $"{arrayPath}[{index++}]";
            if (item is not JsonObject json)
            {
                errors.Add(new(path, null, "A connection must be an object."));
                continue;
            }

            // Elsa 3 writes {source: {activity, port}, target: {activity, port}}; early 3.0 files wrote flat fields.
            var (sourceId, sourcePort) = json["source"] is JsonObject s ? (Text(s, "activity"), Text(s, "port")) : (Text(json, "source"), Text(json, "sourcePort"));
            var (targetId, targetPort) = json["target"] is JsonObject t ? (Text(t, "activity"), Text(t, "port")) : (Text(json, "target"), Text(json, "targetPort"));
            sourcePort ??= "Done";
            targetPort ??= "In";
            if (sourceId is not null && refused.Contains(sourceId) || targetId is not null && refused.Contains(targetId))
            {
                continue;
            }

            if (sourceId is null || !byId.TryGetValue(sourceId, out var source))
            {
                errors.Add(new($"{path}.source", sourceId, $"The connection starts from an activity that does not exist ('{sourceId}')."));
                continue;
            }

            if (targetId is null || !byId.ContainsKey(targetId))
            {
                errors.Add(new($"{path}.target", targetId, $"The connection leads to an activity that does not exist ('{targetId}')."));
                continue;
            }

            var ports = registry.PortsOf(source);
            if (ports is not null && !ports.Contains(sourcePort))
            {
                var offered = ports.Count == 0 ? "none (it ends the flow)" : string.Join(", ", ports);
                errors.Add(new($"{path}.source.port", sourceId, $"The activity has no port '{sourcePort}'; its ports are {offered}."));
                continue;
            }

            if (targetPort is not ("In" or ""))
            {
                errors.Add(new($"{path}.target.port", targetId, $"Connections enter an activity through port 'In', not '{targetPort}'."));
                continue;
            }

            if (graph.SequenceExits.TryGetValue(sourceId, out var exit))
            {
                // A sequence is done when its last child is: the connection leaves from there.
                if (exit is { } last)
                {
                    connections.Add(new Connection(last.Id, last.Port, targetId, "In"));
                }

                continue;
            }

            connections.Add(new Connection(sourceId, sourcePort, targetId, "In"));
        }

        return connections;
    }

    private static ActivityNode? FindStart(List<ActivityNode> activities, List<Connection> connections, List<DefinitionError> errors)
    {
        var starts = activities.Where(a => a.Type == "Elsa.Start").ToList();
        if (starts.Count > 1)
        {
            errors.Add(new("root.activities", starts[1].Id, "A flowchart can have only one Elsa.Start activity."));
            return null;
        }

        // As Elsa does: the Start activity, else the first activity nothing leads to.
        var targets = connections.Select(c => c.TargetId).ToHashSet();
        var start = starts.FirstOrDefault() ?? activities.FirstOrDefault(a => !targets.Contains(a.Id));
        // An empty flowchart is the designer's blank new workflow: valid, and it completes at once when run (as in Elsa).
        if (start is null && activities.Count > 0)
        {
            errors.Add(new("root.activities", null, "The flowchart has no start activity: add an Elsa.Start, or an activity with no inbound connection."));
        }

        return start;
    }

    private static void CompileExpressions(ActivityNode node, string path, List<DefinitionError> errors)
    {
        foreach (var (name, value) in node.Json)
        {
            var expressions = value switch
            {
                JsonObject wrapped when wrapped["expression"] is JsonObject => [WorkflowExpression.From(wrapped)],
                // FlowSwitch keeps its cases unwrapped: [{label, condition: {type, value}}].
                JsonArray items when name == "cases" => items.OfType<JsonObject>().Select(i => WorkflowExpression.From(i["condition"])),
                _ => [],
            };
            foreach (var expression in expressions.OfType<WorkflowExpression>())
            {
                try
                {
                    expression.Compile();
                }
                catch (ExpressionException ex)
                {
                    errors.Add(new($"{path}.{name}", node.Id, ex.Message));
                }
            }
        }
    }

    private static List<VariableDefinition> ParseVariables(JsonArray? array, List<DefinitionError> errors)
    {
        var variables = new List<VariableDefinition>();
        var index = 0;
        foreach (var item in array ?? [])
        {
            var path = $"variables[{index++}]";
            var name = item is JsonObject json ? Text(json, "name") : null;
            if (name is null)
            {
                errors.Add(new(path, null, "A variable needs a name."));
                continue;
            }

            if (variables.Any(v => v.Name == name))
            {
                errors.Add(new(path, null, $"Two variables are named '{name}'."));
                continue;
            }

            var obj = (JsonObject)item!;
            var typeName = Text(obj, "typeName") ?? "Object";
            var isArray = obj["isArray"]?.GetValueKind() == JsonValueKind.True;
            JsonNode? value;
            try
            {
                value = TypedValues.Convert(obj["value"], typeName, isArray);
            }
            catch (ExpressionException ex)
            {
                errors.Add(new($"{path}.value", null, $"The default of variable '{name}': {ex.Message}"));
                continue;
            }

            variables.Add(new VariableDefinition(Text(obj, "id") ?? name, name, typeName, value, isArray));
        }

        return variables;
    }

    private static string? Text(JsonObject obj, string property) =>
        obj[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
