using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Cases.CaseFile;

/// <summary>A keyset position: the sort value and the id of the last row of a page, as an opaque URL-safe string.</summary>
public sealed record PagePosition(DateTimeOffset At, Guid Id);

public static class PageCursor
{
    public static string Write(JsonNode position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position.ToJsonString()));

    public static bool TryRead(string? cursor, out PagePosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)));
            position = new PagePosition(json!["at"]!.GetValue<DateTimeOffset>(), json["id"]!.GetValue<Guid>());
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return false;
        }
    }

    /// <summary>The next page's address in <c>Link</c> (RFC 8288) and the bare cursor in <c>X-Next-Cursor</c>.</summary>
    public static void AddNextLink(HttpContext http, string? next)
    {
        if (next is null)
        {
            return;
        }

        http.Response.Headers.Append("X-Next-Cursor", next);
        if (!HttpMethods.IsGet(http.Request.Method))
        {
            return;
        }

        var query = QueryString.Create(http.Request.Query.Where(q => q.Key != "after").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("after", (string?)next)));
        http.Response.Headers.Append("Link", $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"");
    }
}
