using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Workflows.Activities.Composition;

/// <summary>
/// Elsa's DispatchWorkflow: starts a new instance and goes on; its result is the child's instance id. With
/// waitForCompletion it waits for the child to finish and its result is the child's output; a child that faults
/// then faults this activity.
/// </summary>
public sealed class DispatchWorkflow : IActivityHandler
{
    public ActivityDescriptor Descriptor { get; } = new(
        "Elsa.DispatchWorkflow", Categories.Flow, "Avvia procedimento", "Avvia un'istanza di un altro procedimento e prosegue (o ne attende la conclusione).",
        ExecuteWorkflow.Inputs, ["Done"], Kind: "Task");

    public bool ResumableByToken => false;

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context) => ValueTask.FromResult(ExecuteWorkflow.Start(context));

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        var child = ChildResult.From(context.ResumeInput);
        if (bookmark.Payload["waitForCompletion"]?.GetValue<bool>() != true)
        {
            context.SetOutput("result", child.WorkflowInstanceId);
            return ValueTask.FromResult(ActivityResult.Done);
        }

        if (child.Faulted)
        {
            throw new ChildWorkflowFaultedException(child.WorkflowInstanceId, child.Fault);
        }

        context.SetOutput("result", JsonClr.ToClr(child.Output));
        return ValueTask.FromResult(ActivityResult.Done);
    }
}
