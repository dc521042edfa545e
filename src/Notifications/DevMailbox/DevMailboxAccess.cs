using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CaseFlow.Notifications.DevMailbox;

/// <summary>
/// The dev mailbox shows citizens' messages: from the machine itself only (like the Hangfire dashboard), or
/// anywhere in Development and Testing, where the in-memory test server has no remote address at all.
/// </summary>
internal static class DevMailboxAccess
{
    public static bool Allowed(HttpContext context)
    {
        var environment = context.RequestServices.GetRequiredService<IHostEnvironment>();
        if (environment.IsDevelopment() || environment.IsEnvironment("Testing"))
        {
            return true;
        }

        var remote = context.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote);
    }
}
