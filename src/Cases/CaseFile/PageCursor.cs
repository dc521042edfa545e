using System.Text.Json.Nodes;
using CaseFlow.ServiceDefaults.Http;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Cases.CaseFile;

/// <summary>A keyset position: the sort value and the id of the last row of a page, as an opaque URL-safe string.</summary>
public sealed record PagePosition(DateTimeOffset At, Guid Id);

/// <summary>The desk's lists page by a time and a case or task id (<see cref="KeysetCursor"/>'s format).</summary>
public static class PageCursor
{
    public static string Write(JsonNode position) => KeysetCursor.Write(position);

    public static bool TryRead(string? cursor, out PagePosition? position)
    {
        position = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        if (!KeysetCursor.TryRead(cursor, out var at, out var id) || !Guid.TryParse(id, out var guid))
        {
            return false;
        }

        position = new PagePosition(at, guid);
        return true;
    }

    public static void AddNextLink(HttpContext http, string? next) => KeysetCursor.AddNextLink(http, next);
}
