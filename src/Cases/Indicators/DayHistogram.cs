namespace CaseFlow.Cases.Indicators;

/// <summary>
/// Counts of whole days: exact means and percentiles without the rows. Percentiles interpolate between the closest
/// ranks, like PostgreSQL's percentile_cont (the median of an even count is the mean of the two middle values).
/// </summary>
internal sealed class DayHistogram
{
    private readonly SortedDictionary<int, long> counts = [];

    public long Count { get; private set; }

    public long Sum { get; private set; }

    public void Add(int days, long n)
    {
        counts[days] = counts.GetValueOrDefault(days) + n;
        Count += n;
        Sum += days * n;
    }

    public void Add(DayHistogram other)
    {
        foreach (var (days, n) in other.counts)
        {
            Add(days, n);
        }
    }

    public long CountWhere(Func<int, bool> predicate) => counts.Where(c => predicate(c.Key)).Sum(c => c.Value);

    public long SumWhere(Func<int, bool> predicate) => counts.Where(c => predicate(c.Key)).Sum(c => c.Key * c.Value);

    public double? Mean => Count == 0 ? null : Math.Round((double)Sum / Count, 2);

    public double? Percentile(double p)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = p * (Count - 1);
        var lower = (long)Math.Floor(rank);
        var below = At(lower);
        var above = At(Math.Min(lower + 1, Count - 1));
        return Math.Round(below + (rank - lower) * (above - below), 2);
    }

    /// <summary>The value at 0-based rank <paramref name="index"/> of the sorted days.</summary>
    private int At(long index)
    {
        long seen = 0;
        foreach (var (days, n) in counts)
        {
            seen += n;
            if (index < seen)
            {
                return days;
            }
        }

        throw new InvalidOperationException("rank beyond the count");
    }
}
