using CaseFlow.Workflows.Activities;
using System.Text.Json.Nodes;
using CaseFlow.Workflows.Runtime;

namespace CaseFlow.Cases.Integration;

/// <summary>
/// Art. 10-bis L. 241/1990: before refusing an application the office tells the citizen why, and the citizen has 10
/// days to answer. The legal clock stops meanwhile. The flow goes on through <c>Observations</c> when the desk records
/// the citizen's observations, or <c>NoObservations</c> when the 10 days pass without any.
/// </summary>
public sealed class NoticeOfRefusal : IActivityHandler
{
    public const string TypeName = "CaseFlow.NoticeOfRefusal";

    /// <summary>People's work: resumed only through the case API, which checks who acts and records it.</summary>
    public bool ResumableByToken => false;
    public const string ObservationsKind = "observations";
    public const string LapseKind = "timer";

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Desk, "Preavviso di rigetto (art. 10-bis)",
        "Comunica al cittadino i motivi ostativi all'accoglimento e sospende il termine per i 10 giorni delle osservazioni.",
        [
            new InputDescriptor("reasons", "String[]", "Motivi ostativi", "Un motivo per riga: il cittadino li legge nella comunicazione.", UiHints.MultiLine, IsRequired: true),
            new InputDescriptor("message", "String", "Come presentare le osservazioni", "Dove e come il cittadino può rispondere.", UiHints.MultiLine),
        ],
        ["Observations", "NoObservations"], Kind: "Task");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var reasons = context.GetStringList("reasons");
        if (reasons.Count == 0)
        {
            throw new InvalidOperationException("Il preavviso di rigetto richiede almeno un motivo (art. 10-bis). / A notice of refusal needs at least one reason.");
        }

        // The citizen may answer until the end of the 10th day after the notice, Rome time.
        var replyBy = RomeTime.DateOf(context.Now).AddDays(RefusalNotice.ObservationDays);
        var notice = new RefusalNoticeSent([.. reasons], context.GetString("message"), context.Now, replyBy);
        context.Emit(notice);
        var waiting = new JsonObject
        {
            ["reasons"] = new JsonArray([.. reasons.Select(r => (JsonNode)r)]),
            ["message"] = notice.Message,
            ["sentAt"] = notice.SentAt.ToString("O"),
            ["replyBy"] = replyBy.ToString("yyyy-MM-dd"),
        };
        return ValueTask.FromResult(ActivityResult.Block(
            new BookmarkRequest(ObservationsKind, waiting),
            new BookmarkRequest(LapseKind, new JsonObject { ["replyBy"] = replyBy.ToString("yyyy-MM-dd") }, RomeTime.StartOf(replyBy.AddDays(1)).ToUniversalTime())));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        if (bookmark.Kind != ObservationsKind)
        {
            context.Emit(new RefusalNoticeEnded(Observations: false, context.Now, null, []));
            return ValueTask.FromResult(ActivityResult.WithOutcomes("NoObservations"));
        }

        context.Emit(new RefusalNoticeEnded(Observations: true, context.Now, context.ResumeInput?["text"]?.GetValue<string>(),
            RequestIntegration.DocumentIds(context.ResumeInput)));
        return ValueTask.FromResult(ActivityResult.WithOutcomes("Observations"));
    }
}
