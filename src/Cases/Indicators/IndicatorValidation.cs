using System.Globalization;
using CaseFlow.ServiceDefaults.Outcomes;

namespace CaseFlow.Cases.Indicators;

/// <summary>Checks an <see cref="IndicatorRequest"/>: dates, the length of the period and every filter against what exists.</summary>
internal static class IndicatorValidation
{
    /// <summary>Two years and a day: the charts' longest span, and what keeps one request cheap.</summary>
    public const int MaxDays = 731;

    public static Outcome<IndicatorFilter> Check(IndicatorRequest request, IReadOnlySet<string> procedures, IOfficeDirectory directory)
    {
        if (!TryDate(request.From, out var from))
        {
            return Problem.Validation("from", "Data iniziale obbligatoria, nel formato AAAA-MM-GG. / 'from' is required, as YYYY-MM-DD.");
        }

        if (!TryDate(request.To, out var to))
        {
            return Problem.Validation("to", "Data finale obbligatoria, nel formato AAAA-MM-GG. / 'to' is required, as YYYY-MM-DD.");
        }

        if (to < from)
        {
            return Problem.Validation("to", "La data finale precede quella iniziale. / 'to' is before 'from'.");
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            return Problem.Validation("to", $"Il periodo è di {MaxDays} giorni al massimo. / The period is at most {MaxDays} days.");
        }

        var procedure = Blank(request.Procedure);
        if (procedure is not null && !procedures.Contains(procedure))
        {
            return Problem.Validation("procedure", $"Procedimento sconosciuto '{procedure}'. / Unknown procedure.");
        }

        var agency = Blank(request.Agency);
        if (agency is not null && directory.FindAgency(agency) is null)
        {
            return Problem.Validation("agency", $"Ente sconosciuto '{agency}'. / Unknown agency.");
        }

        var office = Blank(request.Office);
        if (office is not null && directory.FindOffice(office) is null)
        {
            return Problem.Validation("office", $"Ufficio sconosciuto '{office}'. / Unknown office.");
        }

        var channel = Blank(request.Channel);
        if (channel is not null && !IntakeValidation.Channels.Contains(channel))
        {
            return Problem.Validation("channel", $"Il canale è uno di: {string.Join(", ", IntakeValidation.Channels)}. / The channel is one of those.");
        }

        return new IndicatorFilter(from, to, procedure, agency, office, channel);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool TryDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
