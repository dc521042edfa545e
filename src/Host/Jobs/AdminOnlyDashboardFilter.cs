using CaseFlow.ServiceDefaults.Access;
using Hangfire.Dashboard;

namespace CaseFlow.Host.Jobs;

/// <summary>Hangfire's own check, behind the endpoint's admin policy: a second lock on the same door.</summary>
internal sealed class AdminOnlyDashboardFilter : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) => context.GetHttpContext().User.IsInRole(Roles.Admin);
}
