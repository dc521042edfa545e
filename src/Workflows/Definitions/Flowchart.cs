using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.Definitions;

/// <summary>An activity of a flowchart as stored: its id, Elsa type name and the raw JSON that holds its inputs; <see cref="Scope"/> is the loop whose body holds it.</summary>
public sealed record ActivityNode(string Id, string Type, string NodeId, string? Name, JsonObject Json, string? Scope = null);

/// <summary>A connection from an activity's outcome port to another activity's input port.</summary>
public sealed record Connection(string SourceId, string SourcePort, string TargetId, string TargetPort)
{
    public string Key => $"{SourceId}:{SourcePort}->{TargetId}";
}

/// <summary>
/// The graph of an <c>Elsa.Flowchart</c>, with what execution needs precomputed: the start activity, inbound and
/// outbound connections, and which connections are backward (they close a loop) as opposed to forward.
/// </summary>
public sealed class Flowchart
{
    public const string ElsaType = "Elsa.Flowchart";
    private readonly Dictionary<string, ActivityNode> byId;
    private readonly ILookup<string, Connection> outbound;
    private readonly ILookup<string, Connection> inbound;
    private readonly HashSet<string> backward;

    private readonly IReadOnlyDictionary<string, string?> bodies;

    public Flowchart(string id, string nodeId, IReadOnlyList<ActivityNode> activities, IReadOnlyList<Connection> connections, ActivityNode? start,
        IReadOnlyDictionary<string, string?>? bodies = null)
    {
        this.bodies = bodies ?? new Dictionary<string, string?>();
        Id = id;
        NodeId = nodeId;
        Activities = activities;
        Connections = connections;
        byId = activities.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        outbound = connections.ToLookup(c => c.SourceId);
        inbound = connections.ToLookup(c => c.TargetId);
        Start = start;
        backward = start is null ? [] : FindBackwardConnections(start.Id);
        // Loops inside a loop's body are found from the body's entry.
        foreach (var entry in this.bodies.Values.OfType<string>())
        {
            backward.UnionWith(FindBackwardConnections(entry));
        }
    }

    /// <summary>The first activity of a loop's body; null when the body is empty.</summary>
    public string? BodyEntry(string loopId) => bodies.GetValueOrDefault(loopId);

    public string Id { get; }

    public string NodeId { get; }

    public IReadOnlyList<ActivityNode> Activities { get; }

    public IReadOnlyList<Connection> Connections { get; }

    public ActivityNode? Start { get; }

    public ActivityNode? Find(string activityId) => byId.GetValueOrDefault(activityId);

    public IEnumerable<Connection> OutboundOf(string activityId) => outbound[activityId];

    public IEnumerable<Connection> InboundOf(string activityId) => inbound[activityId];

    public IEnumerable<Connection> ForwardInboundOf(string activityId) => inbound[activityId].Where(c => !backward.Contains(c.Key));

    public bool IsBackward(Connection connection) => backward.Contains(connection.Key);

    /// <summary>Activities from which <paramref name="activityId"/> can be reached by forward connections.</summary>
    public HashSet<string> ForwardAncestorsOf(string activityId)
    {
        var seen = new HashSet<string>();
        var stack = new Stack<string>([activityId]);
        while (stack.Count > 0)
        {
            foreach (var connection in ForwardInboundOf(stack.Pop()))
            {
                if (seen.Add(connection.SourceId))
                {
                    stack.Push(connection.SourceId);
                }
            }
        }

        return seen;
    }

    // A depth-first walk from the start: an edge to an activity still on the walk's stack closes a loop.
    private HashSet<string> FindBackwardConnections(string startId)
    {
        var result = new HashSet<string>();
        var state = new Dictionary<string, int>(); // 1 = on stack, 2 = done
        var stack = new Stack<(string Id, IEnumerator<Connection> Edges)>();
        state[startId] = 1;
        stack.Push((startId, outbound[startId].GetEnumerator()));
        while (stack.Count > 0)
        {
            var (current, edges) = stack.Peek();
            if (!edges.MoveNext())
            {
                state[current] = 2;
                stack.Pop();
                continue;
            }

            var edge = edges.Current;
            switch (state.GetValueOrDefault(edge.TargetId))
            {
                case 1:
                    result.Add(edge.Key);
                    break;
                case 0:
                    state[edge.TargetId] = 1;
                    stack.Push((edge.TargetId, outbound[edge.TargetId].GetEnumerator()));
                    break;
            }
        }

        return result;
    }
}
