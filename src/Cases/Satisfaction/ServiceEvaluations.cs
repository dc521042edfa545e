using CaseFlow.ServiceDefaults.Outcomes;
using Npgsql;

namespace CaseFlow.Cases.Satisfaction;

/// <summary>The moments a case is evaluated at (C.SE.1.7): after sending the application, after the final act.</summary>
public static class EvaluationMoments
{
    public const string Sent = "sent";
    public const string Final = "final";

    public static bool IsKnown(string? moment) => moment is Sent or Final;
}

/// <summary>One follow-up answer: its code (stored and counted) and the wording of Designers Italia's model.</summary>
public sealed record EvaluationAspect(string Code, string Label, bool Positive);

/// <summary>What a citizen answered. <paramref name="TrackingCode"/> is the case's secret code (link, page, personal area).</summary>
public sealed record EvaluationRequest(string TrackingCode, string Moment, int? Rating, IReadOnlyList<string> Aspects, string? Text, string Channel = "online");

/// <summary>Whether a case can be evaluated at a moment now.</summary>
public enum EvaluationState { Open, Answered, NotYet }

/// <summary>
/// The C.SE.1.7 evaluation, "Quanto è stato facile usare questo servizio?": 1–5, then what went well (4–5) or what went
/// wrong (1–3), then free text. One answer per case and moment, stored in <c>case_satisfaction</c>; the rating and the
/// aspects feed the satisfaction indicator (no personal data there: counts per day, procedure, office and channel).
/// </summary>
public sealed class ServiceEvaluations(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public const int MaxText = 200;

    /// <summary>Ratings above this are positive (the validator's threshold: 1–3 negative, 4–5 positive).</summary>
    public const int PositiveAbove = 3;

    public static readonly IReadOnlyList<EvaluationAspect> Aspects =
    [
        new("clear", "Le indicazioni erano chiare", true),
        new("complete", "Le indicazioni erano complete", true),
        new("on-track", "Capivo sempre che stavo procedendo correttamente", true),
        new("no-technical-problems", "Non ho avuto problemi tecnici", true),
        new("other-positive", "Altro", true),
        new("unclear", "A volte le indicazioni non erano chiare", false),
        new("incomplete", "A volte le indicazioni non erano complete", false),
        new("not-on-track", "A volte non capivo se stavo procedendo correttamente", false),
        new("technical-problems", "Ho avuto problemi tecnici", false),
        new("other-negative", "Altro", false),
    ];

    public static IEnumerable<EvaluationAspect> AspectsFor(int rating) => Aspects.Where(a => a.Positive == rating > PositiveAbove);

    /// <summary>The rules of every step, so a page can check a step before the next one and the last POST checks them all.</summary>
    public static Problem? Check(int? rating, IReadOnlyList<string>? aspects = null, string? text = null)
    {
        if (rating is not (>= 1 and <= 5))
        {
            return Problem.Validation("rating", "Scelga da 1 a 5 stelle. / Choose 1 to 5 stars.");
        }

        if (aspects is not null && aspects.Any(a => AspectsFor(rating.Value).All(known => known.Code != a)))
        {
            return Problem.Validation("aspects", "Scelga tra le risposte proposte. / Choose among the answers shown.");
        }

        if (text is not null && text.Trim().Length > MaxText)
        {
            return Problem.Validation("text", $"Il commento può avere al massimo {MaxText} caratteri. / At most {MaxText} characters.");
        }

        return null;
    }

    public async Task<EvaluationState?> StateAsync(string trackingCode, string moment, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand("""
            SELECT c.status = 'closed', EXISTS (SELECT 1 FROM case_satisfaction s WHERE s.case_id = c.id AND s.moment = @moment)
            FROM cases c WHERE c.tracking_code = @code
            """);
        command.Parameters.AddWithValue("code", trackingCode);
        command.Parameters.AddWithValue("moment", moment);
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        return reader.GetBoolean(1) ? EvaluationState.Answered : moment == EvaluationMoments.Final && !reader.GetBoolean(0) ? EvaluationState.NotYet : EvaluationState.Open;
    }

    /// <summary>Stores the answer once; a second answer for the same case and moment is a conflict and changes nothing.</summary>
    public async Task<Outcome<EvaluationState>> RecordAsync(EvaluationRequest request, CancellationToken ct)
    {
        if (!EvaluationMoments.IsKnown(request.Moment))
        {
            return Problem.Validation("moment", "Momento della valutazione sconosciuto. / Unknown moment.");
        }

        if (Check(request.Rating, request.Aspects, request.Text) is { } problem)
        {
            return problem;
        }

        var text = request.Text?.Trim();
        await using var command = dataSource.CreateCommand("""
            INSERT INTO case_satisfaction (case_id, moment, score, aspects, comment, channel, answered_at)
            SELECT id, @moment, @score, @aspects, @comment, @channel, @now FROM cases
            WHERE tracking_code = @code AND (@moment = 'sent' OR status = 'closed')
            ON CONFLICT (case_id, moment) DO NOTHING
            """);
        command.Parameters.AddWithValue("moment", request.Moment);
        command.Parameters.AddWithValue("score", (short)request.Rating!.Value);
        command.Parameters.AddWithValue("aspects", request.Aspects.Distinct().ToArray());
        command.Parameters.AddWithValue("comment", string.IsNullOrEmpty(text) ? DBNull.Value : text);
        command.Parameters.AddWithValue("channel", request.Channel);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("code", request.TrackingCode);
        if (await command.ExecuteNonQueryAsync(ct) == 1)
        {
            return EvaluationState.Answered;
        }

        return await StateAsync(request.TrackingCode, request.Moment, ct) switch
        {
            null => Problem.NotFound("trackingCode", "Pratica non trovata. / Case not found."),
            EvaluationState.NotYet => Problem.Conflict("status", "La pratica non è ancora conclusa. / The case is not concluded yet."),
            _ => Problem.Conflict("moment", "Per questa pratica abbiamo già ricevuto la sua valutazione. / Already evaluated."),
        };
    }
}
