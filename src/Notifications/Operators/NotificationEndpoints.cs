using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Notifications.Operators;

internal static class NotificationEndpoints
{
    /// <summary>What operators see and do with notifications: supervisors and admins.</summary>
    public static IEndpointRouteBuilder MapNotificationOperators(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/notifications").RequireAuthorization(Roles.Supervisor).WithTags("Notifications");
        group.MapGet("/", ListNotifications.Handle);
        group.MapGet("/{id:guid}", GetNotification.Handle);
        group.MapPost("/{id:guid}/resend", ResendNotification.Handle);
        group.MapPost("/resend", ResendNotifications.Handle);
        return app;
    }
}
