namespace CaseFlow.Cases.Documents;

/// <summary>
/// The allow-list of uploads: PDF, PNG, JPEG, signed files (.p7m, CAdES) and XML. The first bytes must match
/// the extension, so a renamed executable is not accepted as a PDF.
/// </summary>
public static class DocumentFormats
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".p7m"] = "application/pkcs7-mime",
        [".xml"] = "application/xml",
    };

    public static string Allowed => "pdf, png, jpeg, p7m, xml";

    /// <summary>The content type to store, or null when the file is not on the allow-list or its bytes do not match.</summary>
    public static string? Recognise(string fileName, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(fileName);
        if (!ContentTypes.TryGetValue(extension, out var contentType))
        {
            return null;
        }

        var matches = extension.ToLowerInvariant() switch
        {
            ".pdf" => head.StartsWith("%PDF-"u8),
            ".png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
            ".jpg" or ".jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
            // DER starts with a SEQUENCE tag; some offices send the same envelope base64-encoded.
            ".p7m" => head.Length > 0 && (head[0] == 0x30 || head.StartsWith("MI"u8) || head.StartsWith("-----BEGIN"u8)),
            ".xml" => TrimStart(head).StartsWith("<"u8),
            _ => false,
        };
        return matches ? contentType : null;
    }

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }))
        {
            head = head[3..];
        }

        while (head.Length > 0 && head[0] is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t')
        {
            head = head[1..];
        }

        return head;
    }
}
