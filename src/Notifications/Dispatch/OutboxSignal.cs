namespace CaseFlow.Notifications.Dispatch;

/// <summary>
/// The PostgreSQL channel that tells dispatchers a message is waiting. The notification is sent inside the writer's
/// transaction, so PostgreSQL delivers it only if (and once) that transaction commits; identical notifications of one
/// transaction fold into one.
/// </summary>
public static class OutboxSignal
{
    public const string Channel = "caseflow_outbox";

    /// <summary>An expression to select inside the writer's transaction.</summary>
    public const string Notify = $"pg_notify('{Channel}', '')";
}
