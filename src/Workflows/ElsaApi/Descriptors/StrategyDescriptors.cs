using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CaseFlow.Workflows.ElsaApi.Descriptors;

/// <summary>
/// The editor's settings tabs. CaseFlow's runtime has one fixed behaviour for each, so each list offers exactly that
/// behaviour (or nothing, where the Studio accepts an empty list), never a choice the runtime would ignore.
/// </summary>
internal static class StrategyDescriptors
{
    internal sealed record Strategy(string TypeName, string DisplayName, string Description);

    internal sealed record CommitStrategy(string Name, string DisplayName, string Description);

    internal sealed record StorageDriver(string TypeName, string DisplayName, int Priority, bool Deprecated);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/descriptors/workflow-activation-strategies", () => List(new Strategy(
            "Elsa.Workflows.Runtime.ActivationValidators.AllowAlwaysStrategy", "Sempre",
            "Ogni avvio crea una nuova istanza del procedimento."))).WithName("ElsaListActivationStrategies");
        // Honoured for the inputs kept in each activity execution's state; the journal always records every activity.
        api.MapGet("/descriptors/log-persistence-strategies", () => List(
            new Strategy("Elsa.Workflows.LogPersistence.Strategies.Exclude, Elsa.Workflows.Core", "Escludi", "Gli input valutati non sono conservati nel registro dell'attività."),
            new Strategy("Elsa.Workflows.LogPersistence.Strategies.Include, Elsa.Workflows.Core", "Includi", "Gli input valutati sono conservati nel registro dell'attività."),
            new Strategy("Elsa.Workflows.LogPersistence.Strategies.Inherit, Elsa.Workflows.Core", "Eredita", "Come l'attività o il procedimento che la contiene (in ultima istanza: includi).")))
            .WithName("ElsaListLogPersistenceStrategies");
        api.MapGet("/descriptors/incident-strategies", () => List(new Strategy(
            "Elsa.Workflows.IncidentStrategies.FaultStrategy", "Errore",
            "Un'attività in errore mette l'istanza in stato Faulted finché non viene ritentata."))).WithName("ElsaListIncidentStrategies");
        // CaseFlow commits once per step (at every wait, in one transaction): there is no strategy to choose.
        api.MapGet("/descriptors/commit-strategies/workflows", () => ElsaJson.Ok(new ListResponse<CommitStrategy>([]))).WithName("ElsaListWorkflowCommitStrategies");
        api.MapGet("/descriptors/commit-strategies/activities", () => ElsaJson.Ok(new ListResponse<CommitStrategy>([]))).WithName("ElsaListActivityCommitStrategies");
        api.MapGet("/descriptors/storage-drivers", () => ElsaJson.Ok(new ListResponse<StorageDriver>([
            new("Elsa.Workflows.Services.WorkflowInstanceStorageDriver", "Istanza del procedimento", 5, false)]))).WithName("ElsaListStorageDrivers");
    }

    private static IResult List(params Strategy[] items) => ElsaJson.Ok(new ListResponse<Strategy>(items));
}
