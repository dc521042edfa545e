using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.ServiceDefaults.Http;

/// <summary>
/// The keyset cursor every growing list hands out: the sort time and the id of a page's last row, as an opaque
/// URL-safe string (JSON in base64url), and the next page's address in <c>X-Next-Cursor</c> and <c>Link</c>.
/// </summary>
public static class KeysetCursor
{
    public static string Write(DateTimeOffset at, string id) => Write(new JsonObject { ["at"] = at, ["id"] = id });

    public static string Write(JsonNode position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position.ToJsonString()));

    /// <summary>False for anything that is not a cursor this class wrote.</summary>
    public static bool TryRead(string text, out DateTimeOffset at, out string id)
    {
        (at, id) = (default, "");
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)));
            (at, id) = (json!["at"]!.GetValue<DateTimeOffset>(), json["id"]!.ToString());
            return id.Length > 0;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return false;
        }
    }

    /// <summary>The next page's address in <c>Link</c> (RFC 8288, on GET) and the bare cursor in <c>X-Next-Cursor</c>.</summary>
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

        var query = QueryString.Create(http.Request.Query.Where(q => !q.Key.Equals("after", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v)))
            .Append(KeyValuePair.Create("after", (string?)next)));
        http.Response.Headers.Append("Link", $"<{http.Request.PathBase}{http.Request.Path}{query}>; rel=\"next\"");
    }
}
