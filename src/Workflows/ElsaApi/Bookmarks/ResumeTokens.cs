using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace CaseFlow.Workflows.ElsaApi.Bookmarks;

/// <summary>
/// Elsa's bookmark tokens: an opaque, tamper-proof <c>(instance, bookmark)</c> pair that lets a link (in an email, say)
/// resume exactly one wait without an API key. ASP.NET Core data protection signs and encrypts it.
/// </summary>
internal sealed class ResumeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("CaseFlow.ElsaApi.BookmarkResume.v1");

    public string Create(string instanceId, string bookmarkId) => protector.Protect($"{instanceId}\n{bookmarkId}");

    public bool TryRead(string? token, out string instanceId, out string bookmarkId)
    {
        (instanceId, bookmarkId) = ("", "");
        if (string.IsNullOrWhiteSpace(token))
        {
            return false;
        }

        try
        {
            var parts = protector.Unprotect(token).Split('\n');
            if (parts.Length != 2)
            {
                return false;
            }

            (instanceId, bookmarkId) = (parts[0], parts[1]);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
