namespace CaseFlow.Cases.Indicators;

/// <summary>
/// Counts of whole days: exact means and percentiles without the rows. Percentiles interpolate between the closest
/// ranks, like PostgreSQL's percentile_cont (the median of an even count is the mean of the two middle values).
/// Counts are added to a hash table and sorted once, when first read: a report adds tens of thousands of counts and
/// reads each histogram a few times.
/// </summary>
internal sealed class DayHistogram
{
    private readonly Dictionary<int, long> counts = [];
    private int[]? days;
    private long[]? cumulative;

    public long Count { get; private set; }

    public long Sum { get; private set; }

    public void Add(int day, long n)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, day, out _);
        count += n;
        Count += n;
        Sum += day * n;
        days = null;
    }

    public long CountWhere(Func<int, bool> predicate)
    {
        long total = 0;
        foreach (var (day, n) in counts)
        {
            total += predicate(day) ? n : 0;
        }

        return total;
    }

    public long SumWhere(Func<int, bool> predicate)
    {
        long total = 0;
        foreach (var (day, n) in counts)
        {
            total += predicate(day) ? day * n : 0;
        }

        return total;
    }

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
        if (days is null)
        {
            days = [.. counts.Keys.Order()];
            cumulative = new long[days.Length];
            long seen = 0;
            for (var i = 0; i < days.Length; i++)
            {
                cumulative[i] = seen += counts[days[i]];
            }
        }

        // The first day whose cumulative count passes the rank.
        var position = Array.BinarySearch(cumulative!, index + 1);
        return days[position >= 0 ? position : ~position];
    }
}
