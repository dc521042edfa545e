using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Components;

namespace CaseFlow.Web.Indicators;

/// <summary>One series of a chart: its name (shown in the legend) and one value per category.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<double> Values);

/// <summary>
/// Charts drawn on the server as SVG: no script, readable by a screen reader as one image with a title and a
/// description (role="img"), and always shown beside the table holding the same numbers.
/// </summary>
public static class SvgChart
{
    // Bootstrap Italia's primary blue a dark orange, green and purple: each over 4.5:1 against white.
    private static readonly string[] Colours = ["#0066cc", "#a35200", "#00704a", "#6b2c91"];
    private const int Width = 720, Height = 260, Left = 48, Right = 12, Top = 12, Bottom = 44;

    public static string Colour(int index) => Colours[index % Colours.Length];

    /// <summary>Grouped bars, one group per category.</summary>
    public static MarkupString Bars(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Draw(id, title, description, categories, series, (svg, x, band, max) =>
        {
            var barWidth = Math.Max(1, band * 0.8 / series.Count);
            for (var s = 0; s < series.Count; s++)
            {
                for (var c = 0; c < categories.Count; c++)
                {
                    var value = series[s].Values[c];
                    var height = max == 0 ? 0 : value / max * PlotHeight;
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x(c) + band * 0.1 + s * barWidth:0.##}\" y=\"{Top + PlotHeight - height:0.##}\" width=\"{barWidth:0.##}\" height=\"{height:0.##}\" fill=\"{Colour(s)}\"/>");
                }
            }
        });

    /// <summary>Lines over the categories (days, say), one per series.</summary>
    public static MarkupString Lines(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series) =>
        Draw(id, title, description, categories, series, (svg, x, band, max) =>
        {
            for (var s = 0; s < series.Count; s++)
            {
                var points = string.Join(' ', Enumerable.Range(0, categories.Count).Select(c =>
                    string.Create(CultureInfo.InvariantCulture, $"{x(c) + band / 2:0.##},{Top + PlotHeight - (max == 0 ? 0 : series[s].Values[c] / max * PlotHeight):0.##}")));
                svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{points}\" fill=\"none\" stroke=\"{Colour(s)}\" stroke-width=\"2\"/>");
            }
        });

    private const int PlotHeight = Height - Top - Bottom;
    private const int PlotWidth = Width - Left - Right;

    private static MarkupString Draw(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series,
        Action<StringBuilder, Func<int, double>, double, double> plot)
    {
        var max = NiceMax(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        var band = categories.Count == 0 ? PlotWidth : (double)PlotWidth / categories.Count;
        double X(int c) => Left + c * band;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"cf-chart\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" viewBox=\"0 0 {Width} {Height}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\" focusable=\"false\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-title\">{Encode(title)}</title><desc id=\"{id}-desc\">{Encode(description)}</desc>");
        // Four grid lines with their values, then the categories under the axis (at most about 12 labels).
        for (var i = 0; i <= 4; i++)
        {
            var y = Top + PlotHeight - i * PlotHeight / 4.0;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.##}\" y2=\"{y:0.##}\" stroke=\"#c5c7c9\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.##}\" text-anchor=\"end\" font-size=\"12\" fill=\"#4d5b69\">{Encode(Number(max * i / 4))}</text>");
        }

        var every = Math.Max(1, (int)Math.Ceiling(categories.Count / 12.0));
        for (var c = 0; c < categories.Count; c += every)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(c) + band / 2:0.##}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#4d5b69\">{Encode(categories[c])}</text>");
        }

        plot(svg, X, band, max);
        svg.Append("</svg>");
        return new MarkupString(svg.ToString());
    }

    private static double NiceMax(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        // Four grid steps of 1, 2, 2.5 or 5 times a power of ten: the top is at most about twice the largest value.
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max / 4)));
        var step = new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * magnitude).First(s => s * 4 >= max);
        return step * 4;
    }

    private static string Number(double value) => value.ToString(value >= 10 || value == Math.Floor(value) ? "0" : "0.##", CultureInfo.CurrentCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
