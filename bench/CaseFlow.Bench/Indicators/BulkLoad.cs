using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace CaseFlow.Bench.Indicators;

/// <summary>
/// Procedures as the desk would have written them, loaded with COPY: concluded ones received over the two years before
/// today (each closed 1–90 days later, some suspended or sent a notice of refusal, some by silence-assent, the
/// substitute, cancelled), open ones received in the last 120 days with an open step and their scadenziario row.
/// The facts and rollups are then written by the migration's own backfill statement and the intake trigger.
/// </summary>
internal static class BulkLoad
{
    private sealed record Kind(string Id, string Office, int TermDays, bool SilenceAssent);

    private static readonly Kind[] Procedures =
    [
        new("assegno-maternita", "comune-servizi-sociali", 30, false), new("cambio-residenza", "comune-anagrafe", 45, true),
        new("contrassegno-disabili", "comune-polizia-locale", 30, false), new("contributo-anziani", "comune-servizi-sociali", 60, false),
        new("mensa-scolastica", "comune-servizi-scolastici", 30, false),
    ];

    private static readonly (string Channel, double Share)[] Channels = [("desk", 0.45), ("online", 0.3), ("pec", 0.1), ("email", 0.07), ("post", 0.05), ("phone", 0.03)];

    public sealed record Loaded(int Concluded, int Open, TimeSpan Copy, TimeSpan Facts);

    public static async Task<Loaded> RunAsync(string connectionString, int concluded, int open, DateOnly today)
    {
        var random = new Random(42);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // A million rows through the intake trigger and the backfill take minutes: no command timeout here.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0 }.ConnectionString);
        await connection.OpenAsync();
        var total = concluded + open;
        var cases = new (Guid Id, Kind Kind, string Channel, DateTimeOffset Received, DateTimeOffset? Closed, string Status, string? Outcome, JsonArray Events,
            DateTimeOffset Due, DateTimeOffset? SubstituteSince, DateTimeOffset? OwnDue)[total];
        for (var i = 0; i < total; i++)
        {
            var kind = Procedures[random.Next(Procedures.Length)];
            var channel = Pick(random);
            var isOpen = i >= concluded;
            var receivedOn = isOpen ? today.AddDays(-random.Next(0, 120)) : today.AddDays(-730 + random.Next(0, 700));
            var received = RomeTime.At(receivedOn.ToDateTime(new TimeOnly(9 + random.Next(8), random.Next(60))));
            var events = new JsonArray();
            var stopped = 0;
            var roll = random.NextDouble();
            if (roll < 0.2)
            {
                var from = receivedOn.AddDays(random.Next(1, 10));
                var length = random.Next(1, 40);
                events.Add(new JsonObject { ["kind"] = "suspension", ["from"] = from.ToString("yyyy-MM-dd"), ["to"] = from.AddDays(length).ToString("yyyy-MM-dd") });
                stopped = Math.Min(length, 30);
            }
            else if (roll < 0.25)
            {
                var from = receivedOn.AddDays(random.Next(5, 20));
                var observations = random.Next(0, 14);
                events.Add(new JsonObject { ["kind"] = "refusal-notice", ["from"] = from.ToString("yyyy-MM-dd"), ["to"] = from.AddDays(observations).ToString("yyyy-MM-dd") });
                stopped = observations <= 10 ? observations + 10 : 10;
            }

            var dueOn = receivedOn.AddDays(kind.TermDays + stopped);
            var due = RomeTime.EndOf(dueOn);
            if (isOpen)
            {
                cases[i] = (Guid.CreateVersion7(), kind, channel, received, null, "open", null, events, due, null, null);
                continue;
            }

            var outcomeRoll = random.NextDouble();
            var closedOn = receivedOn.AddDays(stopped + random.Next(1, kind.TermDays + 30));
            (string Status, string? Outcome, DateTimeOffset? Since, DateTimeOffset? OwnDue) end = outcomeRoll switch
            {
                < 0.05 when kind.SilenceAssent => ("accepted", "silence-assent", null, null),
                < 0.08 => ("cancelled", null, null, null),
                < 0.11 => ("concluded", null, null, null),
                < 0.13 => ("granted", "granted", due.AddDays(1), due),
                < 0.9 => ("granted", "granted", null, null),
                _ => ("denied", "denied", null, null),
            };
            if (end.Outcome == "silence-assent")
            {
                closedOn = dueOn.AddDays(1);
            }
            else if (end.Since is not null)
            {
                closedOn = dueOn.AddDays(random.Next(2, kind.TermDays / 2));
                due = RomeTime.EndOf(dueOn.AddDays(kind.TermDays / 2));
            }

            // Nothing concludes in the future; a late receipt concludes by yesterday at the latest.
            closedOn = closedOn < today ? closedOn : today.AddDays(-1);
            var closed = RomeTime.At(closedOn.ToDateTime(new TimeOnly(9 + random.Next(8), random.Next(60))));
            cases[i] = (Guid.CreateVersion7(), kind, channel, received, closed, end.Status, end.Outcome, events, due, end.Since, end.OwnDue);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY cases (id, tracking_code, protocol_number, fiscal_code, citizen, channel, received_at, status, created_at, created_by, closed_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < total; i++)
            {
                var c = cases[i];
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"B{i:D13}", NpgsqlDbType.Text);
                await copy.WriteAsync($"{c.Received.Year}/{i:D7}", NpgsqlDbType.Text);
                await copy.WriteAsync("RSSMRA80A01F205X", NpgsqlDbType.Text);
                await copy.WriteAsync("""{"firstName":"Mario","lastName":"Rossi"}""", NpgsqlDbType.Jsonb);
                await copy.WriteAsync(c.Channel, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Received.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Closed is null ? "open" : "closed", NpgsqlDbType.Text);
                await copy.WriteAsync(c.Received.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("bench", NpgsqlDbType.Text);
                await WriteNullableAsync(copy, c.Closed);
            }

            await copy.CompleteAsync();
        }

        // One COPY: the intake trigger counts the whole statement's rows at once.
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY case_procedures (id, case_id, instance_id, procedure_id, version, name, agency, office, term, silence_assent, protocol_number, form_data,
                                  clock_events, due_at, status, outcome, closed_at, substitute_since, own_due_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            for (var i = 0; i < total; i++)
            {
                var c = cases[i];
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"bench-{i}", NpgsqlDbType.Text);
                await copy.WriteAsync(c.Kind.Id, NpgsqlDbType.Text);
                await copy.WriteAsync(1, NpgsqlDbType.Integer);
                await copy.WriteAsync(c.Kind.Id, NpgsqlDbType.Text);
                await copy.WriteAsync("comune-limbiate", NpgsqlDbType.Text);
                await copy.WriteAsync(c.SubstituteSince is null ? c.Kind.Office : "comune-protocollo", NpgsqlDbType.Text);
                await copy.WriteAsync($"P{c.Kind.TermDays}D", NpgsqlDbType.Text);
                await copy.WriteAsync(c.Kind.SilenceAssent, NpgsqlDbType.Boolean);
                await copy.WriteAsync($"{c.Received.Year}/{i:D7}", NpgsqlDbType.Text);
                await copy.WriteAsync("{}", NpgsqlDbType.Jsonb);
                await copy.WriteAsync(c.Events.ToJsonString(), NpgsqlDbType.Jsonb);
                await copy.WriteAsync(c.Due.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Status, NpgsqlDbType.Text);
                await WriteNullableAsync(copy, c.Outcome);
                await WriteNullableAsync(copy, c.Closed);
                await WriteNullableAsync(copy, c.SubstituteSince);
                await WriteNullableAsync(copy, c.OwnDue);
            }

            await copy.CompleteAsync();
        }

        // The open ones: their current step and the scadenziario's escalation row of each.
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY case_tasks (id, case_id, procedure_id, instance_id, bookmark_id, office, title, outcomes, created_at, due_at, status) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = concluded; i < total; i++)
            {
                var c = cases[i];
                await copy.StartRowAsync();
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"bench-{i}", NpgsqlDbType.Text);
                await copy.WriteAsync($"bench-bookmark-{i}", NpgsqlDbType.Text);
                await copy.WriteAsync(c.Kind.Office, NpgsqlDbType.Text);
                await copy.WriteAsync("Istruttoria", NpgsqlDbType.Text);
                await copy.WriteAsync(new[] { "Completa" }, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await copy.WriteAsync(c.Received.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Due.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("open", NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY deadlines (id, case_id, procedure_id, kind, action, office, target_due_at, due_at, offset_label) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = concluded; i < total; i++)
            {
                var c = cases[i];
                await copy.StartRowAsync();
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync("procedure", NpgsqlDbType.Text);
                await copy.WriteAsync("escalation", NpgsqlDbType.Text);
                await copy.WriteAsync(c.Kind.Office, NpgsqlDbType.Text);
                await copy.WriteAsync(c.Due.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(c.Due.UtcDateTime, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync("P0D", NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        // One answer in five closed cases.
        await using (var copy = await connection.BeginBinaryImportAsync("COPY case_satisfaction (case_id, score, answered_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < concluded; i += 5)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(cases[i].Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync((short)random.Next(1, 6), NpgsqlDbType.Smallint);
                await copy.WriteAsync(cases[i].Closed!.Value.AddDays(1).UtcDateTime, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
        }

        var copied = clock.Elapsed;
        clock.Restart();
        // The migration's backfill statement: the facts of every closed procedure, then the monthly rollup by its trigger.
        await using (var facts = new NpgsqlCommand("INSERT INTO indicator_concluded SELECT * FROM indicator_concluded_source", connection) { CommandTimeout = 3600 })
        {
            await facts.ExecuteNonQueryAsync();
        }

        await using (var analyze = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 3600 })
        {
            await analyze.ExecuteNonQueryAsync();
        }

        return new Loaded(concluded, open, copied, clock.Elapsed);
    }

    private static string Pick(Random random)
    {
        var roll = random.NextDouble();
        foreach (var (channel, share) in Channels)
        {
            if ((roll -= share) < 0)
            {
                return channel;
            }
        }

        return "desk";
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, DateTimeOffset? value) =>
        value is { } v ? copy.WriteAsync(v.UtcDateTime, NpgsqlDbType.TimestampTz) : copy.WriteNullAsync();

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Text) : copy.WriteNullAsync();
}
