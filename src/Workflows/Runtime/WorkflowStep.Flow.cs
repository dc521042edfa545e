using CaseFlow.Workflows.Activities.Flow;

namespace CaseFlow.Workflows.Runtime;

/// <summary>The flowchart's scheduling rules (see <see cref="WorkflowStep"/>).</summary>
internal sealed partial class WorkflowStep
{
    private readonly Queue<(string Id, IReadOnlyList<string> Outcomes, string Tag)> pendingVisits = new();
    private bool visiting;

    /// <summary>
    /// Records the visit of an activity — executed (its outcomes) or skipped (no outcomes) — on its outbound connections.
    /// A skip reaching further activities is queued, not recursed into: a long branch not taken costs a loop turn per
    /// activity, never a stack frame, so no definition can overflow the stack.
    /// </summary>
    private void Visit(string activityId, IReadOnlyList<string> outcomes, string tag)
    {
        if (visiting)
        {
            pendingVisits.Enqueue((activityId, outcomes, tag));
            return;
        }

        visiting = true;
        try
        {
            VisitOnce(activityId, outcomes, tag);
            while (pendingVisits.TryDequeue(out var next))
            {
                VisitOnce(next.Id, next.Outcomes, next.Tag);
            }
        }
        finally
        {
            visiting = false;
        }
    }

    private void VisitOnce(string activityId, IReadOnlyList<string> outcomes, string tag)
    {
        foreach (var connection in Flow.OutboundOf(activityId))
        {
            var followed = connection.SourcePort == Sequence.AnyOutcome ? outcomes.Count > 0 : outcomes.Contains(connection.SourcePort);
            if (Flow.IsBackward(connection) && MergeModes.Of(Flow.Find(connection.TargetId)!) != MergeMode.Converge)
            {
                // Re-entering a loop: the target runs again whatever its other inbound connections say.
                if (followed)
                {
                    queue.AddLast(Pack(connection.TargetId, tag));
                }

                continue;
            }

            var key = MarkKey(connection, tag);
            if (!State.Marks.TryGetValue(key, out var marks))
            {
                State.Marks[key] = marks = [];
            }

            marks.Add(followed);
            Evaluate(connection.TargetId, tag);
        }
    }

    /// <summary>Decides whether an activity whose inbound connection was just visited runs, waits, or is skipped.</summary>
    private void Evaluate(string targetId, string tag)
    {
        var node = Flow.Find(targetId)!;
        var mode = MergeModes.Of(node);
        // Converge counts loop connections too (they carry marks instead of re-entering: see Visit).
        var inbound = (mode == MergeMode.Converge ? Flow.InboundOf(targetId) : Flow.ForwardInboundOf(targetId)).Select(c => MarkKey(c, tag)).ToList();
        switch (mode)
        {
            case MergeMode.Race:
                EvaluateWaitAny(targetId, inbound, tag);
                return;
            case MergeMode.Cascade:
                EvaluateCascade(targetId, inbound, tag);
                return;
        }

        // Stream, Merge, Converge: wait until every inbound connection counted was visited.
        if (!inbound.All(HasMark))
        {
            return;
        }

        var heads = inbound.Select(Consume).ToList();
        if (mode == MergeMode.Stream ? heads.Any(followed => followed) : heads.All(followed => followed))
        {
            queue.AddLast(Pack(targetId, tag));
        }
        else
        {
            Visit(targetId, [], tag);
        }
    }

    private void EvaluateCascade(string targetId, List<string> inbound, string tag)
    {
        var roundKey = Pack(targetId, tag);
        if (!State.Cascades.TryGetValue(roundKey, out var round))
        {
            State.Cascades[roundKey] = round = new CascadeRound();
        }

        foreach (var key in inbound.Where(HasMark).ToList())
        {
            if (Consume(key))
            {
                queue.AddLast(Pack(targetId, tag));
                round.Ran = true;
            }

            round.Visited.Add(key);
        }

        if (inbound.All(round.Visited.Contains))
        {
            State.Cascades.Remove(roundKey);
            if (!round.Ran)
            {
                Visit(targetId, [], tag);
            }
        }
    }

    private void EvaluateWaitAny(string joinId, List<string> inbound, string tag)
    {
        var owedKey = Pack(joinId, tag);
        if (State.JoinOwed.TryGetValue(owedKey, out var owed))
        {
            // The join already fired in this round: absorb the late (cancelled or skipped) branches.
            foreach (var key in owed.Where(HasMark).ToList())
            {
                Consume(key);
                owed.Remove(key);
            }

            if (owed.Count == 0)
            {
                State.JoinOwed.Remove(owedKey);
            }

            return;
        }

        var arrived = inbound.Where(HasMark).ToList();
        if (arrived.Any(key => State.Marks[key][0]))
        {
            foreach (var key in arrived)
            {
                Consume(key);
            }

            var stillOwed = inbound.Except(arrived).ToList();
            if (stillOwed.Count > 0)
            {
                State.JoinOwed[owedKey] = stillOwed;
            }

            queue.AddLast(Pack(joinId, tag));
            CancelBranchesLeadingTo(joinId, tag);
            return;
        }

        if (arrived.Count == inbound.Count)
        {
            foreach (var key in arrived)
            {
                Consume(key);
            }

            Visit(joinId, [], tag);
        }
    }

    /// <summary>WaitAny: the other branches into the join stop — waiting activities are cancelled, scheduled ones dropped.</summary>
    private void CancelBranchesLeadingTo(string joinId, string tag)
    {
        var ancestors = Flow.ForwardAncestorsOf(joinId);
        foreach (var active in State.Active.Where(a => ancestors.Contains(a.ActivityId) && a.Tag == tag && a.Status == ActivityStatus.Running).ToList())
        {
            CancelActivity(active);
            Visit(active.ActivityId, [], tag);
        }

        for (var item = queue.First; item is not null;)
        {
            var next = item.Next;
            var (id, itemTag) = Unpack(item.Value);
            if (itemTag == tag && ancestors.Contains(id))
            {
                queue.Remove(item);
                Visit(id, [], tag);
            }

            item = next;
        }
    }

    /// <summary>A connection's marks are kept per loop iteration, so parallel iterations of one body never mix.</summary>
    private static string MarkKey(Definitions.Connection connection, string tag) => tag.Length == 0 ? connection.Key : $"{connection.Key}|{tag}";

    /// <summary>A queue entry: the activity id, and after a '|' the loop iteration it runs in.</summary>
    private static string Pack(string activityId, string tag) => tag.Length == 0 ? activityId : $"{activityId}|{tag}";

    private static (string Id, string Tag) Unpack(string entry)
    {
        var bar = entry.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? (entry, "") : (entry[..bar], entry[(bar + 1)..]);
    }

    private bool HasMark(string connectionKey) => State.Marks.TryGetValue(connectionKey, out var marks) && marks.Count > 0;

    private bool Consume(string connectionKey)
    {
        var marks = State.Marks[connectionKey];
        var head = marks[0];
        marks.RemoveAt(0);
        if (marks.Count == 0)
        {
            State.Marks.Remove(connectionKey);
        }

        return head;
    }
}
