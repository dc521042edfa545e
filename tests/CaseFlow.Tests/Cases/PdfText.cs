using PdfSharp.Pdf;
using PdfSharp.Pdf.Content;
using PdfSharp.Pdf.Content.Objects;
using PdfSharp.Pdf.IO;

namespace CaseFlow.Tests.Cases;

/// <summary>
/// Reads a PDF back with PDFsharp's own parser: the strings of every text-showing operator (Tj, TJ, ' and ") page by
/// page, and how many rectangles each page fills. Works for the receipts because they are WinAnsi-encoded (the
/// strings are the characters); a glyph-id encoded PDF would need its ToUnicode map, which this does not read.
/// </summary>
public sealed record PdfText(IReadOnlyList<string> Lines, int Rectangles, int Pages)
{
    private static readonly System.Text.Encoding WinAnsi = CodePages();

    public string All => string.Join("\n", Lines);

    private static System.Text.Encoding CodePages()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        return System.Text.Encoding.GetEncoding(1252);
    }

    // PDFsharp hands back a WinAnsi string's bytes as characters; 0x80–0x9F (€, —, •, ’…) differ from Latin-1.
    private static string Decode(string raw) => WinAnsi.GetString([.. raw.Select(c => (byte)c)]);

    public static PdfText Read(byte[] pdf)
    {
        using var stream = new MemoryStream(pdf);
        using var document = PdfReader.Open(stream, PdfDocumentOpenMode.Import);
        var lines = new List<string>();
        var rectangles = 0;
        foreach (var page in document.Pages)
        {
            Walk(ContentReader.ReadContent(page), lines, ref rectangles);
        }

        return new PdfText(lines, rectangles, document.PageCount);
    }

    private static void Walk(CSequence sequence, List<string> lines, ref int rectangles)
    {
        foreach (var item in sequence)
        {
            switch (item)
            {
                case COperator { OpCode.OpCodeName: OpCodeName.Tj or OpCodeName.QuoteSingle or OpCodeName.QuoteDouble } op:
                    lines.Add(Decode(string.Concat(op.Operands.OfType<CString>().Select(s => s.Value))));
                    break;
                case COperator { OpCode.OpCodeName: OpCodeName.TJ } op:
                    lines.Add(Decode(string.Concat(op.Operands.OfType<CArray>().SelectMany(a => a.OfType<CString>()).Select(s => s.Value))));
                    break;
                case COperator { OpCode.OpCodeName: OpCodeName.re }:
                    rectangles++;
                    break;
                case CSequence inner:
                    Walk(inner, lines, ref rectangles);
                    break;
            }
        }
    }
}
