namespace CaseFlow.Terms;

/// <summary>Terms are counted on the calendar of Italian offices: every date is a date in Europe/Rome.</summary>
public static class RomeTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Rome");

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, Zone).DateTime);

    public static DateTimeOffset InRome(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>A wall-clock time in Rome as an instant (a time skipped by the spring change takes the winter offset).</summary>
    public static DateTimeOffset At(DateTime local)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, Zone.GetUtcOffset(unspecified));
    }

    public static DateTimeOffset StartOf(DateOnly date) => At(date.ToDateTime(TimeOnly.MinValue));

    /// <summary>The last instant of <paramref name="date"/> in Rome: a term is still open at any earlier instant.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => At(date.ToDateTime(TimeOnly.MaxValue));
}
