using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CaseFlow.ServiceDefaults.Outcomes;

namespace CaseFlow.Cases.Procedures.Forms;

/// <summary>The checked form: the values as the workflow receives them (typed), or the problems, one per field.</summary>
public sealed record FormCheck(JsonObject Values, IReadOnlyList<Problem> Problems)
{
    public bool Valid => Problems.Count == 0;
}

/// <summary>
/// The rules of a declared form, the same for the API (JSON values) and the pages (the text a browser posts): a
/// number may arrive as a JSON number or as "12.500,50"; a yes/no as a JSON boolean or a checkbox's "true"/"on".
/// </summary>
public static class FormRules
{
    private const int DefaultTextLength = 200;
    private const int DefaultMultilineLength = 2000;
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static FormCheck Check(IntakeForm form, JsonObject? data, string prefix, DateOnly today)
    {
        data ??= [];
        if (!form.Declared)
        {
            return new FormCheck((JsonObject)data.DeepClone(), []);
        }

        var problems = new List<Problem>();
        var values = new JsonObject();
        foreach (var (name, _) in data)
        {
            if (form.Field(name) is null)
            {
                problems.Add(Problem.Validation(prefix + name,
                    $"Il campo '{name}' non appartiene al modulo di questo procedimento. / The field '{name}' is not part of this procedure's form."));
            }
        }

        foreach (var field in form.Fields)
        {
            var raw = data[field.Name];
            var required = field.Required || (field.RequiredWhen is { } other && IsTrue(data[other]));
            var (value, error) = Read(field, raw, required, today);
            if (error is not null)
            {
                problems.Add(Problem.Validation(prefix + field.Name, error));
            }
            else if (value is not null)
            {
                values[field.Name] = value;
            }
        }

        return new FormCheck(values, problems);
    }

    private static (JsonNode? Value, string? Error) Read(FormField field, JsonNode? raw, bool required, DateOnly today)
    {
        var (label, en) = (field.Label, field.EnglishLabel);
        if (field.Kind == FieldKind.Boolean)
        {
            if (raw is not null && !TryBoolean(raw, out _))
            {
                return (null, $"«{label}»: indicare sì o no. / «{en}»: give yes or no.");
            }

            var yes = raw is not null && IsTrue(raw);
            return required && !yes
                ? (null, $"«{label}» va confermato. / «{en}» must be confirmed.")
                : (JsonValue.Create(yes), null);
        }

        if (IsEmpty(raw))
        {
            return required ? (null, $"Il campo «{label}» è obbligatorio. / «{en}» is required.") : (null, null);
        }

        return field.Kind switch
        {
            FieldKind.Integer or FieldKind.Decimal => ReadNumber(field, raw!),
            FieldKind.Date => ReadDate(field, raw!, today),
            FieldKind.Choice => ReadChoice(field, raw!),
            _ => ReadText(field, raw!),
        };
    }

    private static (JsonNode?, string?) ReadText(FormField field, JsonNode raw)
    {
        if (raw is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
        {
            return (null, $"«{field.Label}» deve essere un testo. / «{field.EnglishLabel}» must be text.");
        }

        var text = value.GetValue<string>().Trim();
        var max = field.MaxLength ?? (field.Kind == FieldKind.MultilineText ? DefaultMultilineLength : DefaultTextLength);
        if (text.Length > max)
        {
            return (null, $"«{field.Label}» ha al massimo {max} caratteri. / «{field.EnglishLabel}» has at most {max} characters.");
        }

        if (field.Pattern is { } pattern && !Regex.IsMatch(text, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
        {
            return (null, field.PatternMessage is { } message
                ? field.English?.PatternMessage is { } english ? $"{message} / {english}" : message
                : $"«{field.Label}» non ha il formato richiesto. / «{field.EnglishLabel}» does not have the required format.");
        }

        return (JsonValue.Create(text), null);
    }

    private static (JsonNode?, string?) ReadNumber(FormField field, JsonNode raw)
    {
        decimal? number = raw is JsonValue value ? value.GetValueKind() switch
        {
            // Whatever CLR number backs the node (a parsed document, or an int a caller put in).
            JsonValueKind.Number => decimal.TryParse(value.ToJsonString(), NumberStyles.Float, Invariant, out var parsed) ? parsed : null,
            JsonValueKind.String => ParseItalian(value.GetValue<string>()),
            _ => null,
        } : null;
        var integer = field.Kind == FieldKind.Integer;
        if (number is not { } n || (integer && n != decimal.Truncate(n)))
        {
            return (null, integer
                ? $"«{field.Label}» deve essere un numero intero. / «{field.EnglishLabel}» must be a whole number."
                : $"«{field.Label}» deve essere un numero (es. 12500,50). / «{field.EnglishLabel}» must be a number (e.g. 12500.50).");
        }

        if (Bound(field.Min) is { } min && n < min)
        {
            return (null, $"«{field.Label}» non può essere inferiore a {Show(min)}. / «{field.EnglishLabel}» cannot be less than {ShowEnglish(min)}.");
        }

        if (Bound(field.Max) is { } max && n > max)
        {
            return (null, $"«{field.Label}» non può essere superiore a {Show(max)}. / «{field.EnglishLabel}» cannot be more than {ShowEnglish(max)}.");
        }

        return (integer ? JsonValue.Create((long)n) : JsonValue.Create(n), null);
    }

    private static (JsonNode?, string?) ReadDate(FormField field, JsonNode raw, DateOnly today)
    {
        var text = raw is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : "";
        if (!DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], Invariant, DateTimeStyles.None, out var date))
        {
            return (null, $"«{field.Label}» deve essere una data (gg/mm/aaaa). / «{field.EnglishLabel}» must be a date (dd/mm/yyyy).");
        }

        if (DateBound(field.Min, today) is { } min && date < min)
        {
            return (null, $"«{field.Label}» non può essere anteriore al {min:dd/MM/yyyy}. / «{field.EnglishLabel}» cannot be before {min:yyyy-MM-dd}.");
        }

        if (DateBound(field.Max, today) is { } max && date > max)
        {
            return (null, $"«{field.Label}» non può essere successiva al {max:dd/MM/yyyy}. / «{field.EnglishLabel}» cannot be after {max:yyyy-MM-dd}.");
        }

        return (JsonValue.Create(date.ToString("yyyy-MM-dd", Invariant)), null);
    }

    private static (JsonNode?, string?) ReadChoice(FormField field, JsonNode raw)
    {
        var text = raw is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>().Trim() : null;
        var option = field.Options.FirstOrDefault(o => o.Value == text);
        return option is null
            ? (null, $"«{field.Label}»: scegliere una delle voci proposte ({string.Join(", ", field.Options.Select(o => o.Label))}). / «{field.EnglishLabel}»: choose one of the options offered ({string.Join(", ", field.Localized(true).Options.Select(o => o.Label))}).")
            : (JsonValue.Create(option.Value), null);
    }

    /// <summary>
    /// "12500", "12500,50", "12.500,50", "12.500" (thousands, the Italian way), "12500.50", and "12,500.50" (thousands
    /// the English way: a point after the last comma cannot be Italian, and reading it so would turn 12,500.00 into 12.5).
    /// </summary>
    public static decimal? ParseItalian(string text)
    {
        var t = text.Trim().Replace(" ", "").Replace("\u00a0", "").Replace("€", "");
        if (t.Contains(',') && t.LastIndexOf('.') > t.LastIndexOf(','))
        {
            t = Regex.IsMatch(t, @"^-?\d{1,3}(,\d{3})+(\.\d+)?$") ? t.Replace(",", "") : "invalid";
        }
        else if (t.Contains(','))
        {
            t = t.Replace(".", "").Replace(',', '.');
        }
        else if (Regex.IsMatch(t, @"^-?\d{1,3}(\.\d{3})+$"))
        {
            t = t.Replace(".", "");
        }

        return decimal.TryParse(t, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var n) ? n : null;
    }

    private static bool IsEmpty(JsonNode? raw) =>
        raw is null || (raw is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()));

    private static bool IsTrue(JsonNode? raw) => raw is not null && TryBoolean(raw, out var yes) && yes;

    private static bool TryBoolean(JsonNode raw, out bool yes)
    {
        yes = false;
        if (raw is not JsonValue value)
        {
            return false;
        }

        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                yes = true;
                return true;
            case JsonValueKind.False:
                return true;
            case JsonValueKind.String:
                var text = value.GetValue<string>().Trim().ToLowerInvariant();
                yes = text is "true" or "on" or "si" or "sì" or "1";
                return yes || text is "false" or "off" or "no" or "0" or "";
            default:
                return false;
        }
    }

    private static decimal? Bound(string? bound) =>
        decimal.TryParse(bound, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, Invariant, out var n) ? n : null;

    private static DateOnly? DateBound(string? bound, DateOnly today) => bound switch
    {
        null => null,
        "today" => today,
        _ => DateOnly.TryParseExact(bound, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) ? d : null,
    };

    private static string Show(decimal n) => n.ToString("#,##0.##", CultureInfo.GetCultureInfo("it-IT"));

    private static string ShowEnglish(decimal n) => n.ToString("#,##0.##", CultureInfo.GetCultureInfo("en-GB"));
}
