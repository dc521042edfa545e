using Npgsql;

namespace CaseFlow.Cases.Protocol;

/// <summary>A registration in the protocol register (DPR 445/2000 art. 53).</summary>
public sealed record ProtocolRegistration(
    string Agency, DateTimeOffset At, string Direction, string Correspondent, string Subject, IReadOnlyList<string> DocumentHashes, Guid? CaseId, string RegisteredBy);

/// <summary>
/// Numbers entries "YYYY/NNNNNNN" per agency and year with no gaps: the counter is bumped in the caller's
/// transaction, so it stays consistent with the entry and rolls back with it. The row lock also serialises
/// concurrent registrations of one agency, which is what makes the numbers consecutive in commit order.
/// </summary>
public static class ProtocolRegister
{
    public const string Incoming = "in";
    public const string Outgoing = "out";

    public static async Task<string> RegisterAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, ProtocolRegistration entry, CancellationToken ct)
    {
        var year = RomeTime.DateOf(entry.At).Year;
        var seq = await Db.ScalarAsync<int>(connection, transaction, """
            INSERT INTO protocol_counters (agency, year, last) VALUES (@agency, @year, 1)
            ON CONFLICT (agency, year) DO UPDATE SET last = protocol_counters.last + 1
            RETURNING last
            """, ct, ("agency", entry.Agency), ("year", year));
        var number = $"{year}/{seq:0000000}";
        await Db.ExecAsync(connection, transaction, """
            INSERT INTO protocol_entries (id, agency, year, seq, number, registered_at, direction, correspondent, subject, document_hashes, case_id, registered_by)
            VALUES (@id, @agency, @year, @seq, @number, @at, @direction, @correspondent, @subject, @hashes, @case, @by)
            """, ct,
            ("id", Guid.CreateVersion7()), ("agency", entry.Agency), ("year", year), ("seq", seq), ("number", number), ("at", entry.At),
            ("direction", entry.Direction), ("correspondent", entry.Correspondent), ("subject", entry.Subject),
            ("hashes", entry.DocumentHashes.ToArray()), ("case", entry.CaseId), ("by", entry.RegisteredBy));
        return number;
    }
}
