using System.Collections.Concurrent;
using CaseFlow.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CaseFlow.Tests.Cases;

/// <summary>What the case layer hands the mailer, in the step's transaction, and that a failing mailer never stops a case.</summary>
public class CitizenMessageTests(CitizenMessageTests.Fixture fixture) : IClassFixture<CitizenMessageTests.Fixture>
{
    /// <summary>Records messages; refuses the template <c>step-advanced</c> as a broken template would.</summary>
    public sealed class RecordingMailer : ICitizenMailer
    {
        public ConcurrentQueue<CitizenMessage> Messages { get; } = new();

        public Task EnqueueAsync(NpgsqlTransaction transaction, CitizenMessage message, CancellationToken ct)
        {
            if (message.Template == "step-advanced")
            {
                throw new InvalidOperationException("template step-advanced: missing field");
            }

            Messages.Enqueue(message);
            return Task.CompletedTask;
        }

        public void SignalCommitted()
        {
        }
    }

    public sealed class Fixture : IAsyncLifetime
    {
        public RecordingMailer Mailer { get; } = new();

        public CaseFlowApp App { get; private set; } = null!;

        public CaseDesk Desk { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            App = new CaseFlowApp(await TestCluster.CreateDatabaseAsync())
            {
                ConfigureServices = services => services.AddSingleton<ICitizenMailer>(Mailer),
            };
            _ = App.Server;
            Desk = new CaseDesk(App);
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }

    [Fact]
    public async Task A_case_sends_the_notice_of_start_and_the_final_act_with_their_models_and_survives_a_template_that_fails()
    {
        var started = await fixture.Desk.StartAsync(CaseDesk.Application("contrassegno-disabili"));
        var caseId = started["caseId"]!.GetValue<string>();
        await fixture.Desk.CompleteCurrentAsync(caseId, "asl-commissione", "Certificato rilasciato");
        await fixture.Desk.CompleteCurrentAsync(caseId, "comune-polizia-locale", "Contrassegno emesso");

        var messages = fixture.Mailer.Messages.Where(m => m.CaseId == Guid.Parse(caseId)).ToList();
        var notice = Assert.Single(messages, m => m.Template == "case-received");
        Assert.Equal("mario.rossi@example.it", notice.RecipientAddress);
        Assert.Equal(started["protocolNumber"]!.GetValue<string>(), notice.Model["protocol_number"]!.GetValue<string>());
        Assert.EndsWith($"/api/track/{started["trackingCode"]}", notice.Model["tracking_url"]!.GetValue<string>());
        var procedure = Assert.Single(notice.Model["procedures"]!.AsArray())!;
        Assert.Equal("Polizia Locale – Comune di Limbiate", procedure["office"]!.GetValue<string>());
        Assert.False(procedure["silence_assent"]!.GetValue<bool>());
        var act = Assert.Single(messages, m => m.Template == "final-act");
        Assert.Equal("accepted", act.Model["outcome"]!.GetValue<string>());
        Assert.Matches(@"^\d{4}/\d{7}$", act.Model["act_protocol_number"]!.GetValue<string>());

        var view = await fixture.Desk.CaseAsync(caseId);
        Assert.Equal("closed", view["status"]!.GetValue<string>());
        Assert.Contains(view["timeline"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "message-failed");
    }
}
