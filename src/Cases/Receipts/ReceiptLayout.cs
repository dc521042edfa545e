using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace CaseFlow.Cases.Receipts;

/// <summary>
/// Draws the receipt on A4 pages. Text is WinAnsi-encoded (every Italian letter is in it), which keeps the words
/// readable in the PDF's content for search, copy and the tests; the QR code is drawn as vector squares.
/// </summary>
internal static class ReceiptLayout
{
    private const double Margin = 50;
    private const double QrSize = 112;
    private static readonly CultureInfo Italian = CultureInfo.GetCultureInfo("it-IT");
    private static readonly XPdfFontOptions WinAnsi = new(PdfFontEncoding.WinAnsi);
    private static readonly XColor Blue = XColor.FromArgb(0x06, 0x66, 0xCC);

    public static byte[] Render(Receipt receipt, ReceiptFonts fonts)
    {
        fonts.Install();
        using var document = new PdfDocument();
        document.Info.Title = $"Ricevuta {receipt.TrackingCode}";
        document.Info.Author = receipt.DeskName;
        document.Info.Subject = "Ricevuta di presentazione dell'istanza (art. 18-bis L. 241/1990)";
        document.Info.CreationDate = receipt.IssuedAt.UtcDateTime;
        var pen = new Writer(document);

        pen.Text(receipt.DeskName, 11, bold: true, color: Blue);
        pen.Text("Ricevuta di presentazione dell'istanza", 19, bold: true);
        pen.Text("art. 18-bis della legge 7 agosto 1990, n. 241", 9);
        pen.Space(10);
        DrawQr(pen.Graphics, receipt.TrackingUrl, pen.PageWidth - Margin - QrSize, Margin);
        pen.Graphics.DrawString("Segua la pratica", Font(8, false), XBrushes.Black,
            new XRect(pen.PageWidth - Margin - QrSize, Margin + QrSize + 2, QrSize, 10), XStringFormats.TopCenter);

        pen.Text($"Codice pratica: {receipt.TrackingCode}", 14, bold: true, width: pen.TextWidth - QrSize - 10);
        pen.Text($"Presentata il {DateAndTime(receipt.ReceivedAt)} ({ChannelLabel(receipt.Channel)})", 10.5, width: pen.TextWidth - QrSize - 10);
        pen.Text($"Richiedente: {receipt.CitizenName}, codice fiscale {receipt.FiscalCode}", 10.5, width: pen.TextWidth - QrSize - 10);
        pen.Text($"Protocollo: {string.Join(", ", receipt.Procedures.Select(p => p.ProtocolNumber).Distinct())}", 10.5, width: pen.TextWidth - QrSize - 10);
        pen.MoveBelow(Margin + QrSize + 18);

        pen.Rule();
        pen.Text(receipt.Procedures.Count == 1 ? "Procedimento avviato" : $"Procedimenti avviati ({receipt.Procedures.Count})", 13, bold: true);
        var number = 0;
        foreach (var procedure in receipt.Procedures)
        {
            pen.KeepTogether(95);
            pen.Space(4);
            pen.Text($"{++number}. {procedure.Name}", 11.5, bold: true);
            pen.Text($"Protocollo n. {procedure.ProtocolNumber}", 10, indent: 14);
            pen.Text($"Ente: {procedure.Agency}; ufficio competente: {procedure.Office}", 10, indent: 14);
            pen.Text($"Responsabile del procedimento: {procedure.ResponsibleOfficer ?? "il responsabile dell'ufficio competente"}", 10, indent: 14);
            pen.Text($"Termine di conclusione: entro il {Date(procedure.DueDate)}" + (procedure.SilenceAssent
                ? "; decorso il termine senza risposta, la domanda si intende accolta (silenzio assenso, art. 20 L. 241/1990)."
                : "."), 10, indent: 14);
        }

        if (receipt.Documents.Count > 0)
        {
            pen.Space(6);
            pen.KeepTogether(40);
            pen.Text("Documenti consegnati", 13, bold: true);
            foreach (var document1 in receipt.Documents)
            {
                pen.Text($"• {document1.FileName}" + (document1.ProtocolNumber is { } protocol ? $" (protocollo n. {protocol})" : ""), 10, indent: 14);
            }
        }

        pen.Space(8);
        pen.Rule();
        pen.Text("Per seguire la pratica", 11.5, bold: true);
        pen.Text($"Inquadri il codice QR o apra {receipt.TrackingUrl} e indichi il codice pratica {receipt.TrackingCode}. " +
                 "Conservi questa ricevuta: il codice serve anche per ogni comunicazione con gli uffici.", 10);
        pen.Space(6);
        pen.Text($"Ricevuta rilasciata il {DateAndTime(receipt.IssuedAt)} da {receipt.DeskName}.", 8.5);

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    private static void DrawQr(XGraphics graphics, string url, double x, double y)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = QrSize / modules.Count;
        for (var row = 0; row < modules.Count; row++)
        {
            for (var column = 0; column < modules[row].Length; column++)
            {
                if (modules[row][column])
                {
                    // A hair wider than the module, so adjacent squares join without white seams when rasterised.
                    graphics.DrawRectangle(XBrushes.Black, x + column * size, y + row * size, size + 0.05, size + 0.05);
                }
            }
        }
    }

    internal static XFont Font(double size, bool bold) => new(ReceiptFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, WinAnsi);

    private static string Date(DateTimeOffset instant) => RomeTime.InRome(instant).ToString("d MMMM yyyy", Italian);

    private static string DateAndTime(DateTimeOffset instant) => RomeTime.InRome(instant).ToString("d MMMM yyyy 'alle' HH:mm", Italian);

    private static string ChannelLabel(string channel) => channel switch
    {
        "desk" => "allo sportello",
        "online" => "online",
        "email" => "per email",
        "pec" => "per PEC",
        "phone" => "per telefono",
        "post" => "per posta",
        _ => channel,
    };

    /// <summary>Writes lines down the page, wrapping words and starting a new page when one is full.</summary>
    private sealed class Writer
    {
        private readonly PdfDocument document;
        private double y = Margin;

        public Writer(PdfDocument document)
        {
            this.document = document;
            Graphics = NewPage();
        }

        public XGraphics Graphics { get; private set; }

        public double PageWidth { get; private set; }

        private double PageHeight { get; set; }

        public double TextWidth => PageWidth - 2 * Margin;

        public void Text(string text, double size, bool bold = false, double indent = 0, double? width = null, XColor? color = null)
        {
            var font = Font(size, bold);
            var brush = new XSolidBrush(color ?? XColors.Black);
            var lineHeight = size * 1.35;
            foreach (var line in Wrap(text, font, (width ?? TextWidth) - indent))
            {
                if (y + lineHeight > PageHeight - Margin)
                {
                    Graphics = NewPage();
                }

                Graphics.DrawString(line, font, brush, new XRect(Margin + indent, y, TextWidth - indent, lineHeight), XStringFormats.TopLeft);
                y += lineHeight;
            }
        }

        public void Space(double points) => y += points;

        public void MoveBelow(double position) => y = Math.Max(y, position);

        public void KeepTogether(double points)
        {
            if (y + points > PageHeight - Margin)
            {
                Graphics = NewPage();
            }
        }

        public void Rule()
        {
            Graphics.DrawLine(new XPen(XColors.LightGray, 0.8), Margin, y + 2, PageWidth - Margin, y + 2);
            y += 8;
        }

        private IEnumerable<string> Wrap(string text, XFont font, double width)
        {
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && Graphics.MeasureString(candidate, font).Width > width)
                {
                    yield return line;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            if (line.Length > 0)
            {
                yield return line;
            }
        }

        private XGraphics NewPage()
        {
            Graphics?.Dispose();
            var page = document.AddPage();
            page.Size = PageSize.A4;
            PageWidth = page.Width.Point;
            PageHeight = page.Height.Point;
            y = Margin;
            return XGraphics.FromPdfPage(page);
        }
    }
}
