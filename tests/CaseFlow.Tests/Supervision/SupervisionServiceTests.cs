using CaseFlow.Cases.Deadlines;
using CaseFlow.Cases.Intake;
using CaseFlow.Cases.Supervision;
using CaseFlow.Cases.Tasks;
using CaseFlow.ServiceDefaults.Access;
using CaseFlow.ServiceDefaults.Outcomes;
using CaseFlow.Tests.Clock;
using Microsoft.Extensions.DependencyInjection;
using static CaseFlow.Tests.Supervision.ServicePeople;

namespace CaseFlow.Tests.Supervision;

/// <summary>The supervisors' and officers' desk services called from C#, as the pages call them.</summary>
public class SupervisionServiceTests
{
    private static T Service<T>(ClockHost host) where T : notnull => host.App.Services.GetRequiredService<T>();

    private static async Task<StartedCase> StartAsync(ClockHost host, params string[] procedures)
    {
        var started = await Service<CaseIntake>(host).StartAsync(Intake("RSSMRA80A01F205X", null, procedures), CancellationToken.None);
        Assert.True(started.Succeeded, started.Problem?.Message);
        return started.Value;
    }

    [Fact]
    public async Task The_workload_counts_each_offices_open_overdue_due_soon_and_unclaimed_tasks_and_lists_every_office()
    {
        await using var host = await ClockHost.StartAsync();
        await StartAsync(host, "cambio-residenza");
        await StartAsync(host, "cambio-residenza");
        await StartAsync(host, "contrassegno-disabili");
        var workload = Service<OfficeWorkload>(host);

        var fresh = (await workload.ReportAsync(Supervisor, CancellationToken.None)).Value!;
        var anagrafe = fresh.Offices.Single(o => o.Office == "comune-anagrafe");
        Assert.Equal((2, 0, 2, 2), (anagrafe.Open, anagrafe.Overdue, anagrafe.DueSoon, anagrafe.Unclaimed)); // two working days: due soon at once
        Assert.Equal("Ufficio Anagrafe", anagrafe.Name);
        var asl = fresh.Offices.Single(o => o.Office == "asl-commissione");
        Assert.Equal((1, 0, 1), (asl.Open, asl.Overdue, asl.Unclaimed));
        var idle = fresh.Offices.Single(o => o.Office == "comune-protocollo");
        Assert.Equal((0, 0, 0, 0, (DateTimeOffset?)null), (idle.Open, idle.Overdue, idle.DueSoon, idle.Unclaimed, idle.NextDue));
        Assert.Equal(host.App.Services.GetRequiredService<CaseFlow.Cases.Organisation.IOfficeDirectory>().Offices.Select(o => o.Id), fresh.Offices.Select(o => o.Office));
        Assert.Equal(2, fresh.AtRisk.Count(t => t.Office == "comune-anagrafe"));
        Assert.All(fresh.AtRisk, t => Assert.False(t.Overdue));
        Assert.Equal(fresh.AtRisk.OrderBy(t => t.DueDate).Select(t => t.TaskId), fresh.AtRisk.Select(t => t.TaskId));

        var first = fresh.AtRisk.First(t => t.Office == "comune-anagrafe");
        Assert.True((await Service<TaskWork>(host).ClaimAsync(first.TaskId, Officer("comune-anagrafe", "marco"), CancellationToken.None)).Succeeded);
        host.Time.Advance(TimeSpan.FromDays(10));

        var later = (await workload.ReportAsync(Supervisor, CancellationToken.None)).Value!;
        anagrafe = later.Offices.Single(o => o.Office == "comune-anagrafe");
        Assert.Equal((2, 2, 0, 1), (anagrafe.Open, anagrafe.Overdue, anagrafe.DueSoon, anagrafe.Unclaimed));
        var claimed = later.AtRisk.Single(t => t.TaskId == first.TaskId);
        Assert.True(claimed.Overdue);
        Assert.Equal("marco", claimed.ClaimedBy);
    }

    [Fact]
    public async Task Only_supervisors_and_admins_read_the_workload_and_the_list_at_risk_is_capped_with_a_flag()
    {
        await using var host = await ClockHost.StartAsync();
        await StartAsync(host, "cambio-residenza");
        await StartAsync(host, "cambio-residenza");
        var workload = Service<OfficeWorkload>(host);

        Assert.Equal(ProblemKind.Forbidden, (await workload.ReportAsync(Officer("comune-anagrafe"), CancellationToken.None)).Problem!.Kind);
        Assert.Equal(ProblemKind.Forbidden, (await workload.ReportAsync(Person("anna", Roles.FrontDesk), CancellationToken.None)).Problem!.Kind);
        Assert.True((await workload.ReportAsync(Person("root", Roles.Admin), CancellationToken.None)).Succeeded);

        var capped = (await workload.ReportAsync(Supervisor, CancellationToken.None, atRiskLimit: 1)).Value!;
        Assert.Single(capped.AtRisk);
        Assert.True(capped.MoreAtRisk);
        Assert.Equal("limit", (await workload.ReportAsync(Supervisor, CancellationToken.None, atRiskLimit: 0)).Problem!.Field);
    }

    [Fact]
    public async Task The_task_reader_tells_which_outcomes_end_or_refuse_the_procedure_from_its_flowchart()
    {
        await using var host = await ClockHost.StartAsync();
        var started = await StartAsync(host, "cambio-residenza");
        var reader = Service<TaskReader>(host);
        var anagrafe = Officer("comune-anagrafe");
        var registration = (await Service<CaseFlow.Cases.CaseFile.CaseFileReader>(host).GetAsync(started.CaseId, Supervisor, CancellationToken.None))
            .Value!.Procedures[0].CurrentSteps[0].TaskId;

        var view = (await reader.GetAsync(registration, anagrafe, CancellationToken.None)).Value!;
        Assert.Equal(
            [("Registrata", OutcomeConsequence.Continues), ("Dichiarazione irricevibile", OutcomeConsequence.Denies)],
            view.Outcomes.Select(o => (o.Name, o.Consequence)));
        Assert.False(view.Outcomes[0].NeedsConfirmation);
        Assert.True(view.Outcomes[1].NeedsConfirmation);
        Assert.Equal("Cambio di residenza (dichiarazione anagrafica)", view.Sheet!.Title);
        Assert.Contains("due giorni lavorativi", view.Instructions);

        Assert.True((await Service<TaskWork>(host).CompleteAsync(registration, "Registrata", "Dichiarazione completa.", anagrafe, CancellationToken.None)).Succeeded);
        var done = (await reader.GetAsync(registration, anagrafe, CancellationToken.None)).Value!;
        Assert.False(done.Open);
        Assert.Equal(("Registrata", "Dichiarazione completa."), (done.Outcome, done.Note));
        var next = Assert.Single(done.Next.OpenSteps);
        Assert.Equal(("comune-polizia-locale", "Accertamento della dimora abituale"), (next.Office, next.Title));

        var check = (await reader.GetAsync(next.TaskId, Officer("comune-polizia-locale"), CancellationToken.None)).Value!;
        Assert.Equal(
            [("Dimora accertata", OutcomeConsequence.Continues), ("Dimora non accertata", OutcomeConsequence.NoticeOfRefusal)],
            check.Outcomes.Select(o => (o.Name, o.Consequence)));
        Assert.Equal(ProblemKind.Forbidden, (await reader.GetAsync(next.TaskId, anagrafe, CancellationToken.None)).Problem!.Kind);
        Assert.Equal(ProblemKind.NotFound, (await reader.GetAsync(Guid.NewGuid(), anagrafe, CancellationToken.None)).Problem!.Kind);

        // A task opened before its activity was recorded: the page cannot tell, so every outcome asks for a confirmation.
        await host.Desk.ScalarAsync<int>("UPDATE case_tasks SET activity_id = NULL WHERE id = @id RETURNING 1", ("id", next.TaskId));
        var unknown = (await reader.GetAsync(next.TaskId, Supervisor, CancellationToken.None)).Value!;
        Assert.All(unknown.Outcomes, o => Assert.Equal(OutcomeConsequence.Unknown, o.Consequence));
        Assert.All(unknown.Outcomes, o => Assert.True(o.NeedsConfirmation));
    }

    [Fact]
    public async Task An_officer_sees_of_a_bundle_only_the_procedure_of_the_task_and_a_supervisor_sees_the_whole_case()
    {
        await using var host = await ClockHost.StartAsync();
        var started = await StartAsync(host, "cambio-residenza", "contrassegno-disabili");
        var file = (await Service<CaseFlow.Cases.CaseFile.CaseFileReader>(host).GetAsync(started.CaseId, Supervisor, CancellationToken.None)).Value!;
        var residence = file.Procedures.Single(p => p.ProcedureId == "cambio-residenza");
        var task = residence.CurrentSteps[0].TaskId;

        var officer = (await Service<TaskReader>(host).GetAsync(task, Officer("comune-anagrafe"), CancellationToken.None)).Value!;
        Assert.Equal([residence.Id], officer.Case.Procedures.Select(p => p.Id));
        Assert.All(officer.Case.Timeline, e => Assert.True(e.ProcedureId is null || e.ProcedureId == residence.Id));
        Assert.Equal(residence.Id, officer.Procedure.Id);

        var supervisor = (await Service<TaskReader>(host).GetAsync(task, Supervisor, CancellationToken.None)).Value!;
        Assert.Equal(2, supervisor.Case.Procedures.Count);
    }

    [Fact]
    public async Task The_calendar_service_gives_the_same_counts_as_its_due_dates_and_refuses_a_stranger_or_a_window_over_a_year()
    {
        await using var host = await ClockHost.StartAsync();
        await StartAsync(host, "cambio-residenza");
        await StartAsync(host, "cambio-residenza");
        var calendar = Service<DeadlineCalendar>(host);
        var query = new CalendarQuery("comune-anagrafe", new DateOnly(2026, 11, 1), new DateOnly(2027, 2, 28));

        var result = (await calendar.WithDatesAsync(query, Supervisor, CancellationToken.None)).Value!;
        var office = Assert.Single(result.View.Offices);
        Assert.Equal(4, result.DueDates.Count); // a step and a procedure per case
        Assert.Equal(result.DueDates.Count, office.Days.Sum(d => d.Count));
        Assert.All(result.DueDates, d => Assert.Equal("comune-anagrafe", d.Office));
        Assert.Equal(2, result.DueDates.Count(d => d.Kind == "step"));
        Assert.Equal(office.Days.Select(d => d.Count), (await calendar.ViewAsync(query, Supervisor, CancellationToken.None)).Value!.Offices[0].Days.Select(d => d.Count));

        Assert.Equal(ProblemKind.Forbidden, (await calendar.WithDatesAsync(query, Officer("comune-protocollo"), CancellationToken.None)).Problem!.Kind);
        Assert.Equal("to", (await calendar.ViewAsync(query with { To = new DateOnly(2028, 1, 1) }, Supervisor, CancellationToken.None)).Problem!.Field);
        Assert.Equal(ProblemKind.Forbidden, (await calendar.FeedAsync("comune-anagrafe", Officer("comune-protocollo"), CancellationToken.None)).Problem!.Kind);
        Assert.StartsWith("BEGIN:VCALENDAR", (await calendar.FeedAsync("comune-anagrafe", Officer("comune-anagrafe"), CancellationToken.None)).Value);
    }
}
