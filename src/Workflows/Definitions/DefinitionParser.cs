using System.Text.Json;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Workflows.Definitions;

/// <summary>
/// Reads an Elsa 3 workflow definition model and checks everything that would otherwise fail at run time:
/// root type, unknown activity types, duplicate ids, connections to missing activities or ports, no start,
/// expressions that do not compile. Every problem is reported, not just the first.
/// </summary>
public sealed class DefinitionParser(ActivityRegistry registry)
{
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
        if (root is null)
        {
            errors.Add(new("root", null, "A definition needs a root activity (an Elsa.Flowchart)."));
        }
        else if (Text(root, "type") != Flowchart.ElsaType)
        {
            errors.Add(new("root.type", null,
                $"CaseFlow runs Elsa.Flowchart roots; '{Text(root, "type")}' is not supported (draw the procedure as a flowchart)."));
        }
        else
        {
            flowchart = ParseFlowchart(root, errors);
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
        var rootNodeId = Text(root, "nodeId") ?? $"Workflow1:{rootId}";
        var activities = new List<ActivityNode>();
        var ids = new HashSet<string>();
        // Activities already reported (an unknown type): their connections would only repeat the same cause.
        var refused = new HashSet<string>();
        var index = 0;
        foreach (var item in root["activities"] as JsonArray ?? [])
        {
            var path = $"root.activities[{index++}]";
            if (item is not JsonObject json || string.IsNullOrWhiteSpace(Text(json, "id")))
            {
                errors.Add(new(path, null, "An activity needs an id."));
                continue;
            }

            var id = Text(json, "id")!;
            var type = Text(json, "type") ?? "";
            if (!ids.Add(id))
            {
                errors.Add(new(path, id, "Two activities have this id."));
                continue;
            }

            if (registry.Find(type) is null)
            {
                refused.Add(id);
                errors.Add(new($"{path}.type", id, $"Unknown activity type '{type}'. CaseFlow runs: {string.Join(", ", registry.All.Select(h => h.Descriptor.TypeName).Order())}."));
                continue;
            }

            var node = new ActivityNode(id, type, Text(json, "nodeId") ?? $"{rootNodeId}:{id}", Text(json, "name"), json);
            CompileExpressions(node, path, errors);
            activities.Add(node);
        }

        var connections = ParseConnections(root["connections"] as JsonArray, activities, refused, errors);
        var start = FindStart(activities, connections, errors);
        return new Flowchart(rootId, rootNodeId, activities, connections, start);
    }

    private List<Connection> ParseConnections(JsonArray? array, List<ActivityNode> activities, HashSet<string> refused, List<DefinitionError> errors)
    {
        var byId = activities.ToDictionary(a => a.Id);
        var connections = new List<Connection>();
        var index = 0;
        foreach (var item in array ?? [])
        {
            var path = $"root.connections[{index++}]";
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
        // An empty flowchart is the designer's blank new workflow: a valid draft, refused only when started.
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
