namespace CaseFlow.Cases.Receipts;

/// <summary>One procedure as the receipt states it (art. 18-bis L. 241/1990: the term, and whether silence means assent).</summary>
public sealed record ReceiptProcedure(string Name, string Agency, string Office, string? ResponsibleOfficer, string ProtocolNumber, DateTimeOffset DueDate,
    bool SilenceAssent);

/// <summary>A document handed in with the application, as registered in the protocol.</summary>
public sealed record ReceiptDocument(string FileName, string? ProtocolNumber);

/// <summary>What the ricevuta says: who applied, when, for what, where to follow it.</summary>
public sealed record Receipt(
    Guid CaseId,
    string DeskName,
    string TrackingCode,
    string TrackingUrl,
    DateTimeOffset ReceivedAt,
    DateTimeOffset IssuedAt,
    string Channel,
    string CitizenName,
    string FiscalCode,
    IReadOnlyList<ReceiptProcedure> Procedures,
    IReadOnlyList<ReceiptDocument> Documents);

/// <summary>The receipt as a PDF file.</summary>
public sealed record ReceiptPdf(string FileName, byte[] Content)
{
    public const string ContentType = "application/pdf";
}
