using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CaseFlow.Notifications.Operators;

/// <summary>Where a page of messages ended: the last row's creation time and id, as an opaque URL-safe string.</summary>
internal static class NotificationCursor
{
    public static string Write(DateTimeOffset at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(new JsonObject { ["at"] = at, ["id"] = id }.ToJsonString()));

    public static (DateTimeOffset At, Guid Id)? Read(string text)
    {
        try
        {
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)));
            return (json!["at"]!.GetValue<DateTimeOffset>(), json["id"]!.GetValue<Guid>());
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or NullReferenceException)
        {
            return null;
        }
    }
}
