using CaseFlow.Workflows.Activities.Flow;

namespace CaseFlow.Workflows.Runtime;

/// <summary>The flowchart's scheduling rules (see <see cref="WorkflowStep"/>).</summary>
internal sealed partial class WorkflowStep
{
    /// <summary>Records the visit of an activity — executed (its outcomes) or skipped (no outcomes) — on its outbound connections.</summary>
    private void Visit(string activityId, IReadOnlyList<string> outcomes)
    {
        foreach (var connection in Flow.OutboundOf(activityId))
        {
            var followed = connection.SourcePort == Sequence.AnyOutcome ? outcomes.Count > 0 : outcomes.Contains(connection.SourcePort);
            if (Flow.IsBackward(connection) && MergeModes.Of(Flow.Find(connection.TargetId)!) != MergeMode.Converge)
            {
                // Re-entering a loop: the target runs again whatever its other inbound connections say.
                if (followed)
                {
                    queue.AddLast(connection.TargetId);
                }

                continue;
            }

            if (!State.Marks.TryGetValue(connection.Key, out var marks))
            {
                State.Marks[connection.Key] = marks = [];
            }

            marks.Add(followed);
            Evaluate(connection.TargetId);
        }
    }

    /// <summary>Decides whether an activity whose inbound connection was just visited runs, waits, or is skipped.</summary>
    private void Evaluate(string targetId)
    {
        var node = Flow.Find(targetId)!;
        var mode = MergeModes.Of(node);
        // Converge counts loop connections too (they carry marks instead of re-entering: see Visit).
        var inbound = (mode == MergeMode.Converge ? Flow.InboundOf(targetId) : Flow.ForwardInboundOf(targetId)).Select(c => c.Key).ToList();
        switch (mode)
        {
            case MergeMode.Race:
                EvaluateWaitAny(targetId, inbound);
                return;
            case MergeMode.Cascade:
                EvaluateCascade(targetId, inbound);
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
            queue.AddLast(targetId);
        }
        else
        {
            Visit(targetId, []);
        }
    }

    private void EvaluateCascade(string targetId, List<string> inbound)
    {
        if (!State.Cascades.TryGetValue(targetId, out var round))
        {
            State.Cascades[targetId] = round = new CascadeRound();
        }

        foreach (var key in inbound.Where(HasMark).ToList())
        {
            if (Consume(key))
            {
                queue.AddLast(targetId);
                round.Ran = true;
            }

            round.Visited.Add(key);
        }

        if (inbound.All(round.Visited.Contains))
        {
            State.Cascades.Remove(targetId);
            if (!round.Ran)
            {
                Visit(targetId, []);
            }
        }
    }

    private void EvaluateWaitAny(string joinId, List<string> inbound)
    {
        if (State.JoinOwed.TryGetValue(joinId, out var owed))
        {
            // The join already fired in this round: absorb the late (cancelled or skipped) branches.
            foreach (var key in owed.Where(HasMark).ToList())
            {
                Consume(key);
                owed.Remove(key);
            }

            if (owed.Count == 0)
            {
                State.JoinOwed.Remove(joinId);
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
                State.JoinOwed[joinId] = stillOwed;
            }

            queue.AddLast(joinId);
            CancelBranchesLeadingTo(joinId);
            return;
        }

        if (arrived.Count == inbound.Count)
        {
            foreach (var key in arrived)
            {
                Consume(key);
            }

            Visit(joinId, []);
        }
    }

    /// <summary>WaitAny: the other branches into the join stop — waiting activities are cancelled, scheduled ones dropped.</summary>
    private void CancelBranchesLeadingTo(string joinId)
    {
        var ancestors = Flow.ForwardAncestorsOf(joinId);
        foreach (var active in State.Active.Where(a => ancestors.Contains(a.ActivityId) && a.Status == ActivityStatus.Running).ToList())
        {
            CancelActivity(active);
            Visit(active.ActivityId, []);
        }

        for (var item = queue.First; item is not null;)
        {
            var next = item.Next;
            if (ancestors.Contains(item.Value))
            {
                queue.Remove(item);
                Visit(item.Value, []);
            }

            item = next;
        }
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
