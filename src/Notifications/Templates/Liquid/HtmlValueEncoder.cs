using System.Net;
using System.Text.Encodings.Web;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary>
/// Encodes printed values in the HTML part exactly as Liquid's <c>escape</c> filter does (WebUtility's rules), so
/// <c>{{ x }}</c> and <c>{{ x | escape }}</c> agree and the HTML is byte for byte what the templates produced before
/// Fluid. HtmlEncoder.Default would be as safe but writes other entities (<c>&amp;#x27;</c> for an apostrophe).
/// </summary>
internal sealed class HtmlValueEncoder : TextEncoder
{
    public static readonly HtmlValueEncoder Instance = new();

    // "&#1114111;" is the longest entity WebUtility writes.
    public override int MaxOutputCharactersPerInputCharacter => 10;

    public override string Encode(string value) => WebUtility.HtmlEncode(value);

    public override void Encode(TextWriter output, string value, int startIndex, int characterCount) =>
        WebUtility.HtmlEncode(value.Substring(startIndex, characterCount), output);

    public override bool WillEncode(int unicodeScalar) =>
        unicodeScalar is '<' or '>' or '&' or '"' or '\'' or (>= 160 and < 256) or > char.MaxValue;

    public override unsafe int FindFirstCharacterToEncode(char* text, int textLength)
    {
        for (var i = 0; i < textLength; i++)
        {
            if (char.IsSurrogate(text[i]) || WillEncode(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    public override unsafe bool TryEncodeUnicodeScalar(int unicodeScalar, char* buffer, int bufferLength, out int numberOfCharactersWritten)
    {
        var text = WillEncode(unicodeScalar) ? WebUtility.HtmlEncode(char.ConvertFromUtf32(unicodeScalar)) : char.ConvertFromUtf32(unicodeScalar);
        if (text.Length > bufferLength)
        {
            numberOfCharactersWritten = 0;
            return false;
        }

        text.AsSpan().CopyTo(new Span<char>(buffer, bufferLength));
        numberOfCharactersWritten = text.Length;
        return true;
    }
}
