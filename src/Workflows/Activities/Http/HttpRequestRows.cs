using CaseFlow.Workflows.Runtime;
using Npgsql;

namespace CaseFlow.Workflows.Activities.Http;

/// <summary>Queues each new FlowSendHttpRequest wait for sending, in the step's transaction (the row goes with its bookmark).</summary>
internal sealed class HttpRequestRows : IWorkflowEffectHandler
{
    public async Task HandleAsync(WorkflowEffectContext context, CancellationToken ct)
    {
        foreach (var created in context.Effects.OfType<BookmarkCreated>().Where(c => c.Bookmark.Kind == FlowSendHttpRequest.BookmarkKind))
        {
            await using var insert = new NpgsqlCommand(
                "INSERT INTO workflow_http_requests (bookmark_id, instance_id, due_at) VALUES (@b, @i, @now)", context.Connection, context.Transaction);
            insert.Parameters.AddWithValue("b", created.Bookmark.Id);
            insert.Parameters.AddWithValue("i", context.Instance.Id);
            insert.Parameters.AddWithValue("now", context.Now);
            await insert.ExecuteNonQueryAsync(ct);
        }
    }
}
