using System.Globalization;

namespace CaseFlow.Bench;

/// <summary>
/// <c>[--smoke] [n]</c>: n is seconds or rows, per benchmark. <c>--smoke</c> runs a tiny measure (a second, a few
/// hundred rows) so CI proves the benchmark still runs and prints its figures; it asserts nothing about speed.
/// </summary>
internal sealed record BenchArgs(bool Smoke, int? Size)
{
    public static BenchArgs Parse(string[] args)
    {
        var smoke = args.Contains("--smoke", StringComparer.Ordinal);
        var size = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))
            .Select(a => (int?)int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
        return new BenchArgs(smoke, size);
    }

    public int Or(int full, int smoke) => Size ?? (Smoke ? smoke : full);
}
