namespace CaseFlow.Terms;

/// <summary>A term or a clock event the rules of Law 241/1990 do not allow; <see cref="Field"/> names the input at fault.</summary>
public sealed class TermValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}
