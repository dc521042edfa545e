namespace CaseFlow.Tests.Clock;

/// <summary>The silence-assent attestation is an outgoing act: registered once in the agency's protocol, its number told to the citizen.</summary>
public class SilenceAssentProtocolTests
{
    private const string Subject = "Attestazione di silenzio-assenso (art. 20 c.2-bis L. 241/1990): Cambio di residenza (dichiarazione anagrafica)";

    private static Task<long> AttestationEntriesAsync(ClockHost host) => host.Desk.ScalarAsync<long>(
        "SELECT count(*) FROM protocol_entries WHERE direction = 'out' AND agency = 'comune-limbiate' AND subject = @subject", ("subject", Subject));

    [Fact]
    public async Task Silence_assent_registers_one_outgoing_attestation_stores_its_number_and_sends_it_to_the_citizen()
    {
        await using var host = await ClockHost.StartAsync();
        var caseId = Guid.Parse((await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza")))["caseId"]!.GetValue<string>());
        var due = await host.DueAtAsync("lapse", "procedure");
        Assert.Equal(0, await AttestationEntriesAsync(host));

        host.Time.SetUtcNow(due + TimeSpan.FromMinutes(1));
        await host.SweepAsync();

        Assert.Equal(1, await AttestationEntriesAsync(host));
        var number = await host.Desk.ScalarAsync<string>("SELECT number FROM protocol_entries WHERE subject = @subject", ("subject", Subject));
        Assert.Matches(@"^2027/\d{7}$", number!);
        Assert.Equal(caseId, await host.Desk.ScalarAsync<Guid>("SELECT case_id FROM protocol_entries WHERE subject = @subject", ("subject", Subject)));
        Assert.Equal(number, await host.Desk.ScalarAsync<string>("SELECT final_act_protocol FROM case_procedures WHERE case_id = @id", ("id", caseId)));
        Assert.Equal(number, await host.Desk.ScalarAsync<string>(
            "SELECT model->>'attestation_protocol_number' FROM outbox_messages WHERE template = 'silence-assent' AND case_id = @id", ("id", caseId)));
        Assert.Contains(number!, await host.Desk.ScalarAsync<string>("SELECT text_body FROM outbox_messages WHERE template = 'silence-assent'"));

        // Later sweeps find the lapse fired and the procedure closed: no second registration.
        await host.SweepAsync();
        host.Time.Advance(TimeSpan.FromDays(2));
        await host.SweepAsync();
        Assert.Equal(1, await AttestationEntriesAsync(host));
        Assert.Equal(1, await host.OutboxAsync("silence-assent"));
    }
}
