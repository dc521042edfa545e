using System.Net;
using Hangfire.Dashboard;

namespace CaseFlow.Host.Jobs;

/// <summary>The dashboard is reachable from the machine itself only, until people's logins exist.</summary>
internal sealed class LoopbackOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        var remote = context.GetHttpContext().Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote);
    }
}
