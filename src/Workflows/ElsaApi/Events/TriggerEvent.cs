using System.Security.Claims;
using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using CaseFlow.Workflows.ElsaApi.Protection;
using CaseFlow.Workflows.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Events;

/// <summary>
/// Elsa's POST /events/{eventName}/trigger: resumes the instances waiting in <c>Elsa.Event</c> for that name (narrowed by
/// correlation id or instance id) and starts the definitions it triggers, with <c>input</c> as the event's payload. Both
/// execution modes run the delivery before answering: it is durable either way, and the caller learns what it did.
/// An admin may publish to every instance; a designer only to one named instance that does not carry a case.
/// </summary>
internal static class TriggerEvent
{
    internal sealed record Request(string? WorkflowInstanceId, string? CorrelationId, string? ActivityInstanceId, JsonNode? Input, string? WorkflowExecutionMode);

    internal sealed record Response(IReadOnlyList<string> ResumedWorkflowInstanceIds, IReadOnlyList<string> StartedWorkflowInstanceIds);

    public static void Map(RouteGroupBuilder api) => api.MapPost("/events/{eventName}/trigger", Handle).WithName("ElsaTriggerEvent");

    private static async Task<IResult> Handle(string eventName, Request? request, ClaimsPrincipal user, InstanceGuard guard, WorkflowRuntime runtime, CancellationToken ct)
    {
        request ??= new Request(null, null, null, null, null);
        if (string.IsNullOrWhiteSpace(eventName))
        {
            return Problems.Validation("eventName", "Serve il nome dell'evento. / An event needs a name.");
        }

        if (!string.IsNullOrWhiteSpace(request.ActivityInstanceId))
        {
            return Problems.Validation("activityInstanceId", "CaseFlow recapita un evento per istanza o per correlazione, non per singola attività. / CaseFlow delivers an event by instance or correlation id, not to one activity instance.");
        }

        var instanceId = string.IsNullOrWhiteSpace(request.WorkflowInstanceId) ? null : request.WorkflowInstanceId.Trim();
        if (!user.IsInRole(Roles.Admin))
        {
            // An event without an instance may resume any case waiting on it: that is the desk's business, not a designer's.
            if (instanceId is null)
            {
                return Problems.Forbidden("workflowInstanceId", "Un progettista pubblica un evento a una sola istanza, indicata. / A designer publishes an event to one named instance.");
            }

            if (await guard.RefuseAsync(user, instanceId, ct) is { } refused)
            {
                return refused;
            }
        }

        var delivery = await runtime.PublishEventAsync(eventName, request.CorrelationId, instanceId, request.Input, ct);
        return Results.Ok(new Response(delivery.Resumed, delivery.Started));
    }
}
