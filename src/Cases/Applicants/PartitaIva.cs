namespace CaseFlow.Cases.Applicants;

/// <summary>
/// The partita IVA (DPR 633/1972 art. 35): 11 digits, the last a check digit computed as the Agenzia delle Entrate
/// does (a Luhn variant: digits in odd places summed, those in even places doubled and reduced by 9 above 9).
/// </summary>
public static class PartitaIva
{
    public static string Normalise(string value)
    {
        var trimmed = value.Trim().Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        return trimmed.StartsWith("IT", StringComparison.Ordinal) ? trimmed[2..] : trimmed;
    }

    /// <summary>Why the value is not a partita IVA, in Italian / English; null when it is one.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return "La partita IVA è obbligatoria. / The VAT number is required.";
        }

        var digits = Normalise(value);
        if (digits.Length != 11 || !digits.All(char.IsAsciiDigit))
        {
            return "La partita IVA è composta da 11 cifre. / The VAT number has 11 digits.";
        }

        if (digits[..7] == "0000000")
        {
            return "La partita IVA non è valida. / The VAT number is not valid.";
        }

        return CheckDigit(digits) == digits[10] - '0'
            ? null
            : "La partita IVA non è valida: la cifra di controllo non corrisponde. / The VAT number's check digit does not match.";
    }

    public static int CheckDigit(string digits)
    {
        var sum = 0;
        for (var i = 0; i < 10; i++)
        {
            var digit = digits[i] - '0';
            if (i % 2 == 1)
            {
                digit *= 2;
                if (digit > 9)
                {
                    digit -= 9;
                }
            }

            sum += digit;
        }

        return (10 - sum % 10) % 10;
    }
}
