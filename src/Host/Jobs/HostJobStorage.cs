using Hangfire;

namespace CaseFlow.Host.Jobs;

/// <summary>This host's own Hangfire storage instance (see <see cref="JobsExtensions.AddCaseFlowJobs"/> for why it is not the static one).</summary>
internal sealed record HostJobStorage(JobStorage Storage);
