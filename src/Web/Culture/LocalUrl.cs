namespace CaseFlow.Web.Culture;

/// <summary>Where a form may send the browser next: only a path of this site, never another one.</summary>
public static class LocalUrl
{
    // An open redirect after a form would hand a phishing site a signed-in user.
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Contains('\r') && !url.Contains('\n');

    public static string OrRoot(string? url) => IsLocal(url) ? url! : "/";
}
