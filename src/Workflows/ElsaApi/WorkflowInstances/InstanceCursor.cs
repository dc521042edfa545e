using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Workflows.ElsaApi.WorkflowInstances;

/// <summary>Where a page of the instance list ended (newest first): the last row's creation time and id, opaque.</summary>
internal sealed record InstanceCursor(DateTimeOffset CreatedAt, string Id)
{
    public string Write() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject { ["at"] = CreatedAt, ["id"] = Id }.ToJsonString()));

    public static bool TryRead(string text, out InstanceCursor? cursor)
    {
        cursor = null;
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)));
            cursor = new InstanceCursor(json!["at"]!.GetValue<DateTimeOffset>(), json["id"]!.GetValue<string>());
            return true;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return false;
        }
    }
}
