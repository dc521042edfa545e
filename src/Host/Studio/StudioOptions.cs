namespace CaseFlow.Host.Studio;

/// <summary>Settings under <c>Studio</c>.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>
    /// Folder of the installed npm package <c>@elsa-workflows/elsa-studio-wasm</c>. Empty: <c>Studio/node_modules/…</c>
    /// under the content root, or under <c>src/Host</c> of the nearest repository above it.
    /// </summary>
    public string BundlePath { get; set; } = "";

    /// <summary>How long the API key minted for a designer's Studio session stays valid.</summary>
    public TimeSpan KeyLifetime { get; set; } = TimeSpan.FromHours(8);
}
