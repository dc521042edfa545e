using System.Text.Json.Nodes;
using Npgsql;

namespace CaseFlow.Tests.Clock;

/// <summary>Escalations reach the supervisor in person; the office mailbox only when no supervisor email is configured.</summary>
public class SupervisorEmailTests
{
    private static async Task<(string Address, string Name)> RecipientAsync(ClockHost host, string deduplicationPrefix)
    {
        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT recipient_address, recipient_name FROM outbox_messages WHERE template = 'office-escalation' AND deduplication_key LIKE @prefix", connection);
        command.Parameters.AddWithValue("prefix", deduplicationPrefix + "%");
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), "an office-escalation message was queued");
        var recipient = (reader.GetString(0), reader.GetString(1));
        Assert.False(await reader.ReadAsync(), "only one office-escalation message");
        return recipient;
    }

    [Fact]
    public async Task A_late_step_is_escalated_to_the_supervisors_own_address()
    {
        await using var host = await ClockHost.StartAsync();
        await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        host.Time.SetUtcNow(await host.DueAtAsync("escalation", "step") + TimeSpan.FromMinutes(1));

        await host.SweepAsync();

        // The first step of a change of residence is the Ufficio Anagrafe's.
        Assert.Equal(("marco.brambilla@comune.limbiate.mb.it", "Dott. Marco Brambilla"), await RecipientAsync(host, "deadline:"));
    }

    [Fact]
    public async Task Without_a_supervisor_email_the_escalation_goes_to_the_office_mailbox_addressed_to_the_supervisor()
    {
        // Organisation:Agencies:0:Offices:1 is the Ufficio Anagrafe in appsettings.json.
        await using var host = await ClockHost.StartAsync(new Dictionary<string, string?> { ["Organisation:Agencies:0:Offices:1:SupervisorEmail"] = "" });
        await host.Desk.StartAsync(Cases.CaseDesk.Application("cambio-residenza"));
        host.Time.SetUtcNow(await host.DueAtAsync("escalation", "step") + TimeSpan.FromMinutes(1));

        await host.SweepAsync();

        Assert.Equal(("anagrafe@comune.limbiate.mb.it", "Dott. Marco Brambilla"), await RecipientAsync(host, "deadline:"));
    }

    [Fact]
    public async Task The_substitute_authority_notice_goes_to_the_substitute_offices_supervisor()
    {
        await using var host = await ClockHost.StartAsync();
        await host.Desk.StartAsync(Cases.CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = 9000 }));
        host.Time.SetUtcNow(await host.DueAtAsync("lapse", "procedure") + TimeSpan.FromMinutes(1));

        await host.SweepAsync();

        Assert.Equal(("anna.colombo@comune.limbiate.mb.it", "Dott.ssa Anna Colombo"), await RecipientAsync(host, "substitute:"));
    }

    [Theory]
    [InlineData("colombo")]
    [InlineData("Anna Colombo <anna.colombo@comune.limbiate.mb.it>")]
    public void A_supervisor_email_that_is_not_an_address_fails_validation_naming_the_key(string email)
    {
        var options = new OrganisationOptions
        {
            Agencies = [new Agency { Id = "comune-x", Offices = [new Office { Id = "ufficio-x", Email = "x@comune.x.it", SupervisorEmail = email }] }],
        };

        var result = new OrganisationOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("Organisation:Agencies:0:Offices:0:SupervisorEmail", result.FailureMessage);
    }
}
