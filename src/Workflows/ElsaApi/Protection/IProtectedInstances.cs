namespace CaseFlow.Workflows.ElsaApi.Protection;

/// <summary>
/// The engine's extension point for instances that belong to someone else's records (the desk's cases): those
/// instances move only through their owner's services, so <c>/elsa/api</c> refuses to act on them for designers
/// and shows them without personal data. The engine never reads its owners' tables; the owner answers here.
/// </summary>
public interface IProtectedInstances
{
    /// <summary>The subset of <paramref name="instanceIds"/> that carries an owner's record.</summary>
    Task<IReadOnlySet<string>> ProtectedAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct);
}

/// <summary>What the engine alone knows: no instance is protected.</summary>
internal sealed class NoProtectedInstances : IProtectedInstances
{
    public Task<IReadOnlySet<string>> ProtectedAsync(IReadOnlyCollection<string> instanceIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlySet<string>>(new HashSet<string>());
}
