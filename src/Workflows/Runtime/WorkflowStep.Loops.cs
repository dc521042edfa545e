using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;

namespace CaseFlow.Workflows.Runtime;

/// <summary>
/// ForEach and ParallelForEach. A loop stays active while its iterations run; each iteration is a tag carried by every
/// activity of the body it runs (queue entries, waits, connection marks), with its own <c>CurrentValue</c> and
/// <c>CurrentIndex</c>. An iteration is complete when nothing of its tag is scheduled or waiting, as Elsa completes a
/// body when it has no pending work; the loop then starts the next item (ForEach) or, when every iteration is
/// complete, completes with Done (both).
/// </summary>
internal sealed partial class WorkflowStep
{
    private static readonly string[] IterationVariables = ["CurrentValue", "CurrentIndex"];

    private void StartLoop(ActivityNode node, ActiveActivity active, ActivityExecutionRecord record, List<JsonNode?> items, bool parallel)
    {
        record.HasBookmarks = false;
        State.Active.Add(active);
        var loop = new LoopState { ActivityId = node.Id, Tag = active.Tag, Items = items, Parallel = parallel };
        State.Loops[active.ActivityInstanceId] = loop;
        for (var index = 0; index < (parallel ? items.Count : 1); index++)
        {
            BeginIteration(active.ActivityInstanceId, loop, index);
        }
    }

    private void BeginIteration(string loopInstanceId, LoopState loop, int index)
    {
        var tag = $"{loopInstanceId}:{index}";
        var item = loop.Items[index]?.DeepClone();
        State.Iterations[tag] = new JsonObject { ["CurrentValue"] = item, ["CurrentIndex"] = index };
        loop.Pending.Add(tag);
        loop.Next = Math.Max(loop.Next, index + 1);
        // ForEach's currentValue output, when the designer bound it to a variable.
        var outer = ScopeFor(loop.Tag);
        outer.SetOutputTarget(Flow.Find(loop.ActivityId)!.Json["currentValue"], JsonClr.ToClr(item));
        MergeBack(outer, loop.Tag);
        if (Flow.BodyEntry(loop.ActivityId) is { } entry)
        {
            queue.AddLast(Pack(entry, tag));
        }
    }

    /// <summary>Completes every iteration with nothing left to do, and every loop whose iterations are all complete.</summary>
    private void CompleteIterations()
    {
        var progressed = true;
        while (progressed && !instance.IsFinished)
        {
            progressed = false;
            foreach (var (loopInstanceId, loop) in State.Loops.ToList())
            {
                var done = loop.Pending.FirstOrDefault(tag => !HasWork(tag));
                if (done is null)
                {
                    continue;
                }

                progressed = true;
                loop.Pending.Remove(done);
                ForgetIteration(done);
                if (!loop.Parallel && loop.Next < loop.Items.Count)
                {
                    BeginIteration(loopInstanceId, loop, loop.Next);
                }
                else if (loop.Pending.Count == 0)
                {
                    CompleteLoop(loopInstanceId, loop);
                }

                break;
            }
        }
    }

    private void CompleteLoop(string loopInstanceId, LoopState loop)
    {
        State.Loops.Remove(loopInstanceId);
        var active = State.Active.First(a => a.ActivityInstanceId == loopInstanceId);
        State.Active.Remove(active);
        var node = Flow.Find(loop.ActivityId)!;
        var record = RecordFor(node, active);
        record.Status = ActivityStatus.Completed;
        record.Outcomes = ["Done"];
        record.CompletedAt = Now;
        Journal(node, active, "Completed", ["Done"], null);
        OnCompleted(node, ["Done"], loop.Tag);
    }

    private bool HasWork(string tag) =>
        State.Active.Any(a => a.Tag == tag) || queue.Any(entry => Unpack(entry).Tag == tag);

    /// <summary>A terminal activity inside a body: the rest of that iteration stops.</summary>
    private void CancelIteration(string tag)
    {
        foreach (var active in State.Active.Where(a => a.Tag == tag).ToList())
        {
            CancelActivity(active);
        }

        for (var item = queue.First; item is not null;)
        {
            var next = item.Next;
            if (Unpack(item.Value).Tag == tag)
            {
                queue.Remove(item);
            }

            item = next;
        }
    }

    /// <summary>A loop cancelled (WaitAny, End, cancel) takes its iterations with it.</summary>
    private void CancelLoop(ActiveActivity active)
    {
        if (!State.Loops.Remove(active.ActivityInstanceId, out var loop))
        {
            return;
        }

        foreach (var tag in loop.Pending)
        {
            CancelIteration(tag);
            ForgetIteration(tag);
        }
    }

    private void ForgetIteration(string tag)
    {
        State.Iterations.Remove(tag);
        var suffix = $"|{tag}";
        foreach (var key in State.Marks.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).ToList())
        {
            State.Marks.Remove(key);
        }

        foreach (var key in State.JoinOwed.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).ToList())
        {
            State.JoinOwed.Remove(key);
        }

        foreach (var key in State.Cascades.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal)).ToList())
        {
            State.Cascades.Remove(key);
        }
    }

    /// <summary>What an activity of an iteration sees: the workflow's variables with its iteration's (and outer ones') on top.</summary>
    private ExpressionScope ScopeFor(string tag)
    {
        if (tag.Length == 0)
        {
            return scope;
        }

        var variables = new Dictionary<string, JsonNode?>(State.Variables.Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        foreach (var iteration in IterationChain(tag))
        {
            foreach (var (name, value) in iteration)
            {
                variables[name] = value?.DeepClone();
            }
        }

        return new ExpressionScope(variables, State.Input, instance.Id, instance.DefinitionId, () => instance.CorrelationId,
            definition.Variables.ToDictionary(v => v.Name, v => (v.TypeName, v.IsArray)), definition.Inputs,
            definition.Variables.GroupBy(v => v.Id).ToDictionary(g => g.Key, g => g.First().Name));
    }

    /// <summary>Writes what an iteration's activity set back to the workflow's variables (not the iteration's own).</summary>
    private void MergeBack(ActivityContext context, string tag) => MergeBack(context.Scope, tag);

    private void MergeBack(ExpressionScope used, string tag)
    {
        if (tag.Length == 0 || ReferenceEquals(used, scope))
        {
            return;
        }

        foreach (var (name, value) in used.Variables)
        {
            if (!IterationVariables.Contains(name) || definition.Variables.Any(v => v.Name == name))
            {
                State.Variables[name] = value?.DeepClone();
            }
        }
    }

    // Outermost first, so an inner loop's CurrentValue hides the outer one's.
    private IEnumerable<JsonObject> IterationChain(string tag)
    {
        var chain = new List<JsonObject>();
        while (tag.Length > 0 && State.Iterations.TryGetValue(tag, out var variables))
        {
            chain.Add(variables);
            var loopInstanceId = tag[..tag.LastIndexOf(':')];
            tag = State.Loops.TryGetValue(loopInstanceId, out var loop) ? loop.Tag : "";
        }

        chain.Reverse();
        return chain;
    }
}
