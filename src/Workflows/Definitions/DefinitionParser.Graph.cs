using System.Text.Json.Nodes;
using CaseFlow.Workflows.Activities.Flow;

namespace CaseFlow.Workflows.Definitions;

/// <summary>How activities become the flowchart's graph: sequences' children chained behind them, loops' bodies in their scope.</summary>
public sealed partial class DefinitionParser
{
    /// <summary>What a flowchart's activities parse into: the nodes (sequence children laid in), and the sequences' chains.</summary>
    private sealed class Graph
    {
        public List<ActivityNode> Activities { get; } = [];

        public HashSet<string> Ids { get; } = [];

        // Activities already reported (an unknown type): their connections would only repeat the same cause.
        public HashSet<string> Refused { get; } = [];

        public List<Connection> Chained { get; } = [];

        public List<Connection> BodyConnections { get; } = [];

        /// <summary>Per loop: the entry of its body (null when empty).</summary>
        public Dictionary<string, string?> Bodies { get; } = [];

        /// <summary>Per sequence: where its Done really leaves from (its last child on any outcome); null when a child was refused.</summary>
        public Dictionary<string, (string Id, string Port)?> SequenceExits { get; } = [];
    }

    private string? AddActivity(JsonNode? item, string path, string parentNodeId, Graph graph, List<DefinitionError> errors, string? scope = null)
    {
        if (item is not JsonObject json || string.IsNullOrWhiteSpace(Text(json, "id")))
        {
            errors.Add(new(path, null, "An activity needs an id."));
            return null;
        }

        var id = Text(json, "id")!;
        var type = Text(json, "type") ?? "";
        if (!graph.Ids.Add(id))
        {
            errors.Add(new(path, id, "Two activities have this id."));
            return null;
        }

        if (registry.Find(type, json) is null)
        {
            graph.Refused.Add(id);
            errors.Add(new($"{path}.type", id, $"Unknown activity type '{type}'. CaseFlow runs: {string.Join(", ", registry.All.Where(h => h.Descriptor.IsBrowsable).Select(h => h.Descriptor.TypeName).Order())} and published definitions placed as activities."));
            return null;
        }

        var node = new ActivityNode(id, type, Text(json, "nodeId") ?? $"{parentNodeId}:{id}", Text(json, "name"), json, scope);
        CompileExpressions(node, path, errors);
        graph.Activities.Add(node);
        if (registry.Find(type, json) is ILoopHandler)
        {
            graph.Bodies[id] = AddBody(node, json["body"] as JsonObject, $"{path}.body", graph, errors);
        }

        if (type == Sequence.TypeName)
        {
            (string Id, string Port)? previous = (id, "Done");
            var index = 0;
            foreach (var child in json["activities"] as JsonArray ?? [])
            {
                var childId = AddActivity(child, $"{path}.activities[{index++}]", node.NodeId, graph, errors, scope);
                if (childId is not null && previous is { } from)
                {
                    graph.Chained.Add(new Connection(from.Id, from.Port, childId, "In"));
                }

                previous = childId is null ? null : (childId, Sequence.AnyOutcome);
            }

            graph.SequenceExits[id] = previous;
        }

        return id;
    }

    /// <summary>A loop's body: one activity (a sequence, say) or a flowchart whose activities and connections join the graph.</summary>
    private string? AddBody(ActivityNode loop, JsonObject? body, string path, Graph graph, List<DefinitionError> errors)
    {
        if (body is null || Text(body, "type") is null)
        {
            return null;
        }

        if (Text(body, "type") != Flowchart.ElsaType)
        {
            return AddActivity(body, path, loop.NodeId, graph, errors, loop.Id);
        }

        var bodyNodeId = Text(body, "nodeId") ?? $"{loop.NodeId}:{Text(body, "id") ?? "body"}";
        var members = new List<string>();
        var index = 0;
        foreach (var child in body["activities"] as JsonArray ?? [])
        {
            if (AddActivity(child, $"{path}.activities[{index++}]", bodyNodeId, graph, errors, loop.Id) is { } childId)
            {
                members.Add(childId);
            }
        }

        var connections = ParseConnections(body["connections"] as JsonArray, $"{path}.connections", graph, errors);
        graph.BodyConnections.AddRange(connections);
        var targets = connections.Concat(graph.Chained).Select(c => c.TargetId).ToHashSet();
        return members.FirstOrDefault(m => graph.Activities.First(a => a.Id == m).Type == "Elsa.Start") ?? members.FirstOrDefault(m => !targets.Contains(m));
    }
}
