using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Notifications.Operators;

/// <summary>The HTTP edge of <see cref="NotificationOperators"/>: <c>/api/notifications</c>, for supervisors and admins.</summary>
internal static class NotificationEndpoints
{
    public static IEndpointRouteBuilder MapNotificationOperators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").RequireAuthorization(Roles.Supervisor).WithTags("Notifications");
        // GET /api/notifications?caseId=&status=&limit=&after=: newest first; the next page in Link / X-Next-Cursor.
        group.MapGet("/", async (Guid? caseId, string? status, int? limit, string? after, NotificationOperators operators, HttpContext http, CancellationToken ct) =>
            (await operators.ListAsync(new NotificationQuery(caseId, status, limit, after), ct)).ToHttp(page =>
            {
                KeysetCursor.AddNextLink(http, page.Next);
                return Results.Ok(page.Items);
            }));
        group.MapGet("/{id:guid}", async (Guid id, NotificationOperators operators, CancellationToken ct) => (await operators.GetAsync(id, ct)).ToHttp());
        group.MapPost("/{id:guid}/resend", async (Guid id, NotificationOperators operators, CancellationToken ct) =>
            (await operators.ResendAsync(id, ct)).ToHttp(resent => Results.Accepted($"/api/notifications/{resent}")));
        // POST /api/notifications/resend {status, since?, until?, caseId?}
        group.MapPost("/resend", async (BulkResend request, NotificationOperators operators, CancellationToken ct) =>
            (await operators.ResendAllAsync(request, ct)).ToHttp());
        return app;
    }
}
