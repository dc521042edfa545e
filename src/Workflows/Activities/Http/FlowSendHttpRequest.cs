using System.Text.Json.Nodes;
using CaseFlow.Workflows.Definitions;
using CaseFlow.Workflows.Expressions;
using CaseFlow.Workflows.Runtime;
using Microsoft.Extensions.Options;

namespace CaseFlow.Workflows.Activities.Http;

/// <summary>
/// Elsa's FlowSendHttpRequest: a request to another administration's system. The activity checks the address against
/// <c>Workflows:Http:AllowedHosts</c> (a host not on it faults the activity: nothing is sent) and waits; the timer sweep
/// sends the request outside the instance's transaction (<see cref="Timers.HttpRequestSweeper"/>) and resumes the wait
/// with the answer. It completes as Elsa's does: with the status code when it is one of <c>expectedStatusCodes</c>
/// (default 200), else <c>Unmatched status code</c>, and <c>Done</c> besides; <c>Failed to connect</c> or <c>Timeout</c>
/// once the retries are spent. Its outputs are <c>statusCode</c>, <c>parsedContent</c> (JSON parsed, other content as
/// text) and <c>responseHeaders</c>.
/// </summary>
public sealed class FlowSendHttpRequest(IOptions<WorkflowsOptions> options) : IActivityHandler
{
    public const string TypeName = "Elsa.FlowSendHttpRequest";
    public const string BookmarkKind = "http-request";
    public const string Unmatched = "Unmatched status code";
    public const string FailedToConnect = "Failed to connect";
    public const string Timeout = "Timeout";
    private static readonly string[] Fixed = ["Done", Unmatched, FailedToConnect, Timeout];
    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD"];

    public ActivityDescriptor Descriptor { get; } = new(
        TypeName, Categories.Http, "Richiesta HTTP (flusso)", "Invia una richiesta HTTP al sistema di un'altra amministrazione (solo agli host consentiti) e prosegue secondo la risposta.",
        [
            new InputDescriptor("url", "Uri", "Indirizzo", "L'indirizzo a cui inviare la richiesta (un host consentito).", IsRequired: true),
            new InputDescriptor("method", "String", "Metodo", "Il metodo HTTP.", UiHints.DropDown, "GET", Options: [.. Methods.Select(m => new SelectOption(m, m))]),
            new InputDescriptor("content", "Object", "Contenuto", "Il contenuto da inviare (testo o oggetto).", UiHints.MultiLine),
            new InputDescriptor("contentType", "String", "Tipo di contenuto", "Per esempio application/json.", UiHints.DropDown,
                Options: [new("application/json", "application/json"), new("text/plain", "text/plain"), new("application/x-www-form-urlencoded", "application/x-www-form-urlencoded")]),
            new InputDescriptor("authorization", "String", "Authorization", "Il valore dell'intestazione Authorization, per esempio Bearer {token}."),
            new InputDescriptor("expectedStatusCodes", "Int32[]", "Codici di stato attesi", "I codici di stato con un'uscita propria; gli altri escono da Unmatched status code.", UiHints.MultiLine, "[200]"),
            new InputDescriptor("requestHeaders", "Object", "Intestazioni", "Intestazioni aggiuntive (un oggetto nome → valore).", UiHints.MultiLine),
        ],
        Fixed, Kind: "Task");

    public ValueTask<ActivityResult> ExecuteAsync(ActivityContext context)
    {
        var url = Address(context.GetString("url"), options.Value.Http);
        var method = (context.GetString("method") ?? "GET").Trim().ToUpperInvariant();
        if (!Methods.Contains(method))
        {
            throw new ExpressionException($"'{method}' is not an HTTP method CaseFlow sends ({string.Join(", ", Methods)}).");
        }

        var content = context.Evaluate("content");
        var request = new JsonObject
        {
            ["url"] = url.ToString(),
            ["method"] = method,
            ["contentType"] = context.GetString("contentType"),
            ["content"] = JsonClr.ToNode(content),
            ["authorization"] = context.GetString("authorization"),
            ["headers"] = JsonClr.ToNode(context.Evaluate("requestHeaders")) as JsonObject,
            ["expectedStatusCodes"] = new JsonArray([.. ExpectedOf(context.Node, context.Evaluate("expectedStatusCodes")).Select(c => (JsonNode)c)]),
        };
        return ValueTask.FromResult(ActivityResult.Block(new BookmarkRequest(BookmarkKind, request)));
    }

    public ValueTask<ActivityResult> ResumeAsync(ActivityContext context, StoredBookmark bookmark)
    {
        var answer = context.ResumeInput ?? [];
        if (answer["refused"]?.GetValue<string>() is { } refused)
        {
            throw new ExpressionException(refused);
        }

        if (answer["failure"]?.GetValue<string>() is { } failure)
        {
            return ValueTask.FromResult(ActivityResult.WithOutcomes(failure == Timeout ? Timeout : FailedToConnect));
        }

        var statusCode = answer["statusCode"]!.GetValue<int>();
        context.SetOutput("statusCode", statusCode);
        context.SetOutput("parsedContent", JsonClr.ToClr(answer["content"]));
        context.SetOutput("responseHeaders", JsonClr.ToClr(answer["headers"]));
        var expected = (bookmark.Payload["expectedStatusCodes"] as JsonArray)?.Select(c => c!.GetValue<int>()).ToList() ?? [];
        return ValueTask.FromResult(expected.Count == 0
            ? ActivityResult.WithOutcomes("Done")
            : ActivityResult.WithOutcomes(expected.Contains(statusCode) ? statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : Unmatched, "Done"));
    }

    public IReadOnlyList<string>? PortsOf(ActivityNode node)
    {
        var expression = WorkflowExpression.From(node.Json["expectedStatusCodes"]);
        if (expression is not null && expression.Type is not ("Literal" or "Object"))
        {
            return null;
        }

        var codes = ExpectedOf(node, expression?.Evaluate(new ExpressionScope(new Dictionary<string, JsonNode?>(), [], "", "", () => null)));
        return [.. codes.Select(c => c.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. Fixed];
    }

    /// <summary>The address, absolute http(s) to an allowed host, or an error naming what is wrong.</summary>
    public static Uri Address(string? text, WorkflowHttpOptions http)
    {
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new ExpressionException($"'{text}' is not an absolute http or https address.");
        }

        return http.Allows(url.Host)
            ? url
            : throw new ExpressionException($"The host '{url.Host}' is not among Workflows:Http:AllowedHosts: the request is not sent.");
    }

    // Elsa's default is [200] when the designer gave none.
    private static List<int> ExpectedOf(ActivityNode node, object? value) => node.Json["expectedStatusCodes"] is null && value is null
        ? [200]
        : [.. ActivityContext.ToStringList(value).Select(c => int.TryParse(c, out var code) ? code : throw new ExpressionException($"'{c}' is not an HTTP status code."))];
}
