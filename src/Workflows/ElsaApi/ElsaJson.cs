using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace CaseFlow.Workflows.ElsaApi;

/// <summary>Elsa's wire format: camelCase, enums as strings, nulls written (the Studio expects the keys).</summary>
internal static class ElsaJson
{
    public static readonly JsonSerializerOptions Options = Create();

    public static IResult Ok(object? value) => Results.Json(value, Options);

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.Converters.Add(new JsonStringEnumConverter());
        return options;
    }
}

/// <summary>Elsa's <c>ListResponse</c>.</summary>
internal sealed record ListResponse<T>(IReadOnlyList<T> Items)
{
    public int Count => Items.Count;
}

/// <summary>Elsa's <c>PagedListResponse</c>.</summary>
internal sealed record PagedListResponse<T>(IReadOnlyList<T> Items, long TotalCount, IReadOnlyList<Link>? Links = null);

/// <summary>A hypermedia link, as Elsa's linker writes them: the Studio looks links up by <see cref="Rel"/>.</summary>
internal sealed record Link(string Href, string Rel, string Method);

/// <summary>Elsa's zero-based paging (Page/PageSize) or skip/take.</summary>
internal static class Paging
{
    public static IReadOnlyList<T> Page<T>(IEnumerable<T> items, int? page, int? pageSize, int? skip = null, int? take = null)
    {
        if (page is { } p && pageSize is { } size && size > 0)
        {
            return items.Skip(Math.Max(0, p) * size).Take(size).ToList();
        }

        var query = items.Skip(Math.Max(0, skip ?? 0));
        return (take is { } t && t > 0 ? query.Take(t) : query).ToList();
    }
}
