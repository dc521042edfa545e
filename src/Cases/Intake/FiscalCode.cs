namespace CaseFlow.Cases.Intake;

/// <summary>
/// The Italian codice fiscale of a person: 6 letters of name, year, month letter, day (+40 for women), place,
/// check character. For omocodia the digits at positions 7, 8, 10, 11, 13, 14, 15 may be replaced by L…V.
/// </summary>
public static class FiscalCode
{
    private const string MonthLetters = "ABCDEHLMPRST";
    private const string OmocodiaLetters = "LMNPQRSTUV";
    private static readonly int[] DigitPositions = [6, 7, 9, 10, 12, 13, 14];

    // Odd positions (1st, 3rd, … in 1-based counting) use this table; letters and digits share values by index.
    private static readonly int[] OddValues = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23];

    /// <summary>Null when valid; otherwise why not (Italian / English).</summary>
    public static string? Validate(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return "Il codice fiscale è obbligatorio. / The fiscal code is required.";
        }

        var value = code.Trim().ToUpperInvariant();
        if (value.Length != 16 || !value.All(char.IsAsciiLetterOrDigit))
        {
            return "Il codice fiscale ha 16 caratteri alfanumerici. / A fiscal code has 16 letters and digits.";
        }

        for (var i = 0; i < 16; i++)
        {
            var c = value[i];
            var ok = i switch
            {
                < 6 or 8 or 11 or 15 => char.IsAsciiLetterUpper(c),
                _ => char.IsAsciiDigit(c) || OmocodiaLetters.Contains(c),
            };
            if (!ok)
            {
                return $"Carattere non ammesso in posizione {i + 1}. / Character not allowed at position {i + 1}.";
            }
        }

        if (!MonthLetters.Contains(value[8]))
        {
            return "La lettera del mese di nascita non è valida. / The birth month letter is not valid.";
        }

        var day = Digit(value[9]) * 10 + Digit(value[10]);
        if (day is < 1 or > 71 || day is > 31 and < 41)
        {
            return "Il giorno di nascita non è valido. / The birth day is not valid.";
        }

        return CheckCharacter(value) == value[15]
            ? null
            : "Il carattere di controllo non corrisponde. / The check character does not match.";
    }

    public static string Normalise(string code) => code.Trim().ToUpperInvariant();

    /// <summary>The check character of the first 15 characters.</summary>
    public static char CheckCharacter(string code)
    {
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var c = code[i];
            var index = char.IsAsciiDigit(c) ? c - '0' : c - 'A';
            sum += i % 2 == 0 ? OddValues[index] : index;
        }

        return (char)('A' + sum % 26);
    }

    private static int Digit(char c) => char.IsAsciiDigit(c) ? c - '0' : OmocodiaLetters.IndexOf(c);

    internal static IReadOnlyList<int> OmocodiaPositions => DigitPositions;
}
