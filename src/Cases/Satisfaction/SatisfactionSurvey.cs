using System.Net;
using CaseFlow.ServiceDefaults.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace CaseFlow.Cases.Satisfaction;

/// <summary>
/// The satisfaction question of the final act's email: <c>/valuta/{trackingCode}?voto=N</c> shows a short form
/// (Italian), the answer is stored once per closed case, and supervisors read the indicator.
/// </summary>
public static class SatisfactionSurvey
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/valuta/{trackingCode}", async (string trackingCode, int? voto, NpgsqlDataSource db, CancellationToken ct) =>
        {
            var state = await StateAsync(db, trackingCode, ct);
            return state switch
            {
                null => Page(HttpStatusCode.NotFound, "Pratica non trovata", "<p>Il collegamento non corrisponde a nessuna pratica.</p>"),
                { Closed: false } => Page(HttpStatusCode.Conflict, "Pratica ancora aperta", "<p>Potrà esprimere la sua valutazione quando la pratica sarà conclusa.</p>"),
                { Answered: true } => Page(HttpStatusCode.OK, "Valutazione già registrata", "<p>Per questa pratica abbiamo già ricevuto una valutazione. Grazie!</p>"),
                _ => Page(HttpStatusCode.OK, "Come valuta il servizio?", Form(trackingCode, voto)),
            };
        }).AllowAnonymous().RequireRateLimiting(TrackCase.RateLimitPolicy).ExcludeFromDescription();

        app.MapPost("/valuta/{trackingCode}", async (string trackingCode, HttpRequest request, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        {
            var form = await request.ReadFormAsync(ct);
            if (!int.TryParse(form["voto"], out var score) || score is < 1 or > 5)
            {
                return Page(HttpStatusCode.BadRequest, "Valutazione non valida", "<p>Scelga un voto da 1 a 5.</p>" + Form(trackingCode, null));
            }

            var comment = form["commento"].ToString().Trim();
            await using var command = db.CreateCommand("""
                INSERT INTO case_satisfaction (case_id, score, comment, answered_at)
                SELECT id, @score, @comment, @now FROM cases WHERE tracking_code = @code AND status = 'closed'
                ON CONFLICT (case_id, moment) DO NOTHING
                """);
            command.Parameters.AddWithValue("score", (short)score);
            command.Parameters.AddWithValue("comment", comment.Length == 0 ? DBNull.Value : comment[..Math.Min(comment.Length, 2000)]);
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
            command.Parameters.AddWithValue("code", trackingCode);
            if (await command.ExecuteNonQueryAsync(ct) == 1)
            {
                return Page(HttpStatusCode.OK, "Grazie!", "<p>La sua valutazione è stata registrata. Ci aiuta a migliorare lo sportello.</p>");
            }

            var state = await StateAsync(db, trackingCode, ct);
            return state is null
                ? Page(HttpStatusCode.NotFound, "Pratica non trovata", "<p>Il collegamento non corrisponde a nessuna pratica.</p>")
                : Page(HttpStatusCode.Conflict, state.Closed ? "Valutazione già registrata" : "Pratica ancora aperta",
                    state.Closed ? "<p>Per questa pratica abbiamo già ricevuto una valutazione.</p>" : "<p>La pratica non è ancora conclusa.</p>");
        }).AllowAnonymous().DisableAntiforgery().RequireRateLimiting(TrackCase.RateLimitPolicy).ExcludeFromDescription();

        app.MapGet("/api/indicators/satisfaction", async (NpgsqlDataSource db, CancellationToken ct) =>
        {
            await using var command = db.CreateCommand("""
                SELECT count(*), coalesce(avg(score), 0), coalesce(array_agg(score ORDER BY score) FILTER (WHERE score IS NOT NULL), '{}'),
                       (SELECT count(*) FROM cases WHERE status = 'closed')
                FROM case_satisfaction
                """);
            await using var reader = await command.ExecuteReaderAsync(ct);
            await reader.ReadAsync(ct);
            var scores = reader.GetFieldValue<short[]>(2);
            return Results.Ok(new
            {
                answers = reader.GetInt64(0),
                closedCases = reader.GetInt64(3),
                average = Math.Round(reader.GetDecimal(1), 2),
                distribution = Enumerable.Range(1, 5).ToDictionary(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture), s => scores.Count(x => x == s)),
            });
        }).RequireAuthorization(Roles.Supervisor).WithTags("Indicatori");
    }

    private sealed record CaseState(bool Closed, bool Answered);

    private static async Task<CaseState?> StateAsync(NpgsqlDataSource db, string trackingCode, CancellationToken ct)
    {
        await using var command = db.CreateCommand(
            "SELECT c.status = 'closed', s.case_id IS NOT NULL FROM cases c LEFT JOIN case_satisfaction s ON s.case_id = c.id AND s.moment = 'final' WHERE c.tracking_code = @code");
        command.Parameters.AddWithValue("code", trackingCode);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new CaseState(reader.GetBoolean(0), reader.GetBoolean(1)) : null;
    }

    private static string Form(string trackingCode, int? preselected) => $"""
        <form method="post" action="/valuta/{WebUtility.UrlEncode(trackingCode)}">
          <fieldset><legend>Quanto è soddisfatto/a del servizio ricevuto?</legend>
          {string.Concat(Enumerable.Range(1, 5).Select(s => $"<label><input type=\"radio\" name=\"voto\" value=\"{s}\"{(s == preselected ? " checked" : "")} required> {s}</label> "))}
          </fieldset>
          <label for="commento">Commento (facoltativo)</label>
          <textarea id="commento" name="commento" rows="4" maxlength="2000"></textarea>
          <button type="submit">Invia la valutazione</button>
        </form>
        """;

    private static IResult Page(HttpStatusCode status, string title, string body) => Results.Content($$"""
        <!DOCTYPE html>
        <html lang="it"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{WebUtility.HtmlEncode(title)}} — Sportello</title>
        <style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem}label{display:inline-block;margin:.4rem .6rem .4rem 0}textarea{width:100%}button{margin-top:1rem;padding:.6rem 1rem}</style>
        </head><body><main><h1>{{WebUtility.HtmlEncode(title)}}</h1>{{body}}</main></body></html>
        """, "text/html; charset=utf-8", statusCode: (int)status);
}
