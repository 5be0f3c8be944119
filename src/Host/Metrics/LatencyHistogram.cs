using System.Globalization;
using System.Text;

namespace ActorVm.Host.Metrics;

/// <summary>A Prometheus histogram of durations in seconds: cumulative buckets, a sum and a count; safe from any thread.</summary>
public sealed class LatencyHistogram(string name, string help)
{
    /// <summary>From a millisecond to a minute: a query, a block, a wait for a receipt all land inside.</summary>
    private static readonly double[] Bounds = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly long[] _counts = new long[Bounds.Length + 1];
    private readonly Lock _lock = new();
    private double _sum;

    public void Observe(TimeSpan duration)
    {
        var seconds = duration.TotalSeconds;
        var bucket = Array.FindIndex(Bounds, b => seconds <= b);
        lock (_lock)
        {
            _counts[bucket < 0 ? Bounds.Length : bucket]++;
            _sum += seconds;
        }
    }

    public void WriteTo(StringBuilder text)
    {
        long[] counts;
        double sum;
        lock (_lock)
        {
            counts = (long[])_counts.Clone();
            sum = _sum;
        }
        text.Append($"# HELP {name} {help}\n# TYPE {name} histogram\n");
        long cumulative = 0;
        for (var i = 0; i < Bounds.Length; i++)
        {
            cumulative += counts[i];
            text.Append($"{name}_bucket{{le=\"{Bounds[i].ToString(CultureInfo.InvariantCulture)}\"}} {cumulative}\n");
        }
        cumulative += counts[^1];
        text.Append($"{name}_bucket{{le=\"+Inf\"}} {cumulative}\n");
        text.Append($"{name}_sum {sum.ToString(CultureInfo.InvariantCulture)}\n{name}_count {cumulative}\n");
    }
}
