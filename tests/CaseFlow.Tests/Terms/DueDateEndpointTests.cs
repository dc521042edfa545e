using System.Net;
using System.Text.Json;
using CaseFlow.Tests.Infrastructure;

namespace CaseFlow.Tests.Terms;

/// <summary>The host with the table's agency calendars in its configuration.</summary>
public class TermsFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => TestAgencies.Settings;
}

public class DueDateEndpointTests(TermsFixture fixture) : IClassFixture<TermsFixture>
{
    private async Task<(HttpStatusCode Status, JsonElement Body, string? MediaType)> GetAsync(string url, HttpClient? client = null)
    {
        var response = await (client ?? fixture.App.CreateAdminClient()).GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return (response.StatusCode, body, response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [MemberData(nameof(DueDateTable.Names), MemberType = typeof(DueDateTable))]
    public async Task The_endpoint_agrees_with_the_hand_computed_table(string name)
    {
        var row = DueDateTable.Cases[name];

        var (status, body, _) = await GetAsync(row.ToQuery());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(row.DueDate, body.GetProperty("dueDate").GetString());
        Assert.Equal(row.Moves, body.GetProperty("moves").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        Assert.Equal(row.Suspended, body.GetProperty("suspended").GetBoolean());
        if (row.DueAt is not null)
        {
            Assert.Equal(DateTimeOffset.Parse(row.DueAt), body.GetProperty("dueAt").GetDateTimeOffset());
        }
    }

    [Fact]
    public async Task A_term_in_years_and_months_is_answered_as_months_in_canonical_form()
    {
        var (status, body, _) = await GetAsync("/api/terms/due-date?receivedAt=2026-08-31&term=P18M");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("P1Y6M", body.GetProperty("term").GetString());
        Assert.Equal("months", body.GetProperty("termKind").GetString());
        Assert.Equal("2028-02-29", body.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task The_answer_names_the_term_its_kind_the_instant_and_each_move()
    {
        var (status, body, _) = await GetAsync("/api/terms/due-date?receivedAt=2026-11-25&term=p30d&agency=comune-milano");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-11-25T00:00:00+01:00", body.GetProperty("receivedAt").GetString());
        Assert.Equal("P30D", body.GetProperty("term").GetString());
        Assert.Equal("calendar-days", body.GetProperty("termKind").GetString());
        Assert.Equal("comune-milano", body.GetProperty("agency").GetString());
        Assert.Equal("2026-12-28", body.GetProperty("dueDate").GetString());
        Assert.Equal("2026-12-28T23:59:59.9999999+01:00", body.GetProperty("dueAt").GetString());
        var first = body.GetProperty("moves")[0];
        Assert.Equal("2026-12-25", first.GetProperty("date").GetString());
        Assert.Equal("holiday", first.GetProperty("code").GetString());
        Assert.Equal("festività: Natale", first.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task An_offset_with_an_unencoded_plus_is_still_read_as_an_offset()
    {
        // 23:30+00:00 on 1 Nov is 00:30 on 2 Nov in Rome: due 2 Dec, as in the table.
        var (status, body, _) = await GetAsync("/api/terms/due-date?receivedAt=2026-11-01T23:30:00+00:00");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("2026-12-02", body.GetProperty("dueDate").GetString());
    }

    [Fact]
    public async Task An_open_suspension_is_reported_with_the_date_the_cap_ends_it()
    {
        var (_, body, _) = await GetAsync("/api/terms/due-date?receivedAt=2026-11-02&suspendedFrom=2026-11-10&suspendedTo=");

        Assert.True(body.GetProperty("suspended").GetBoolean());
        Assert.Equal("2026-12-10", body.GetProperty("resumesOn").GetString());
    }

    [Theory]
    [InlineData("receivedAt=2026-11-02&term=P2W", "term")]
    [InlineData("receivedAt=2026-11-02&term=P1M10D", "term")]
    [InlineData("receivedAt=2026-11-02&term=P0D", "term")]
    [InlineData("receivedAt=2026-11-02&term=abc", "term")]
    [InlineData("term=P30D", "receivedAt")]
    [InlineData("receivedAt=2026-13-01", "receivedAt")]
    [InlineData("receivedAt=ieri", "receivedAt")]
    [InlineData("receivedAt=2026-11-02&patronDay=13-01", "patronDay")]
    [InlineData("receivedAt=2026-11-02&patronDay=santo", "patronDay")]
    [InlineData("receivedAt=2026-11-02&suspendedFrom=10-11-2026", "suspendedFrom")]
    [InlineData("receivedAt=2026-11-02&suspendedFrom=2026-11-10&suspendedTo=2026-11-12&suspendedTo=2026-11-13", "suspendedTo")]
    [InlineData("receivedAt=2026-11-02&interruptedOn=domani", "interruptedOn")]
    [InlineData("receivedAt=2026-11-02&allowMultipleSuspensions=forse", "allowMultipleSuspensions")]
    public async Task Bad_input_is_a_400_problem_naming_the_field(string query, string field)
    {
        var (status, body, mediaType) = await GetAsync("/api/terms/due-date?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", mediaType);
        Assert.Equal("https://caseflow.example/problems/validation", body.GetProperty("type").GetString());
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }

    [Theory]
    [MemberData(nameof(DueDateErrorTable.Names), MemberType = typeof(DueDateErrorTable))]
    public async Task Events_the_rules_refuse_are_a_400_problem_naming_the_field(string name)
    {
        var (row, field) = DueDateErrorTable.Cases[name];

        var (status, body, _) = await GetAsync(row.ToQuery());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {body}");
    }

    [Fact]
    public async Task A_request_without_a_key_is_refused_with_401()
    {
        var response = await fixture.App.CreateClient().GetAsync("/api/terms/due-date?receivedAt=2026-11-02");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_endpoint_is_in_the_openapi_document_under_termini()
    {
        var document = await fixture.App.CreateClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/terms/due-date", document);
        Assert.Contains("Termini", document);
    }
}
