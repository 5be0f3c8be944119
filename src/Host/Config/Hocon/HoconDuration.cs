namespace ActorVm.Host.Config.Hocon;

/// <summary>The spec's duration format: <c>500ms</c>, <c>2 s</c>, <c>1 minute</c>; a bare number is milliseconds.</summary>
public static class HoconDuration
{
    // Ticks (100 ns) per unit; the units are case sensitive and lowercase, exactly the spec's list.
    private static readonly Dictionary<string, decimal> TicksPerUnit = Units(
        (0.01m, ["ns", "nano", "nanos", "nanosecond", "nanoseconds"]),
        (10m, ["us", "micro", "micros", "microsecond", "microseconds"]),
        (TimeSpan.TicksPerMillisecond, ["", "ms", "milli", "millis", "millisecond", "milliseconds"]),
        (TimeSpan.TicksPerSecond, ["s", "second", "seconds"]),
        (TimeSpan.TicksPerMinute, ["m", "minute", "minutes"]),
        (TimeSpan.TicksPerHour, ["h", "hour", "hours"]),
        (TimeSpan.TicksPerDay, ["d", "day", "days"]));

    /// <exception cref="FormatException">Not a number with one of the spec's duration units.</exception>
    public static TimeSpan Parse(string text)
    {
        var (number, unit) = UnitString.Split(text, "a duration");
        if (!TicksPerUnit.TryGetValue(unit, out var ticks))
            throw new FormatException($"'{text}' is not a duration: '{unit}' is not a unit (use ns, us, ms, s, m, h or d, or their long names)");
        try
        {
            // Below a tick (100 ns) the value is rounded: TimeSpan cannot hold it.
            return TimeSpan.FromTicks(decimal.ToInt64(decimal.Round(number * ticks)));
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' is too long a duration");
        }
    }

    private static Dictionary<string, decimal> Units(params (decimal Ticks, string[] Names)[] units) =>
        units.SelectMany(u => u.Names.Select(name => (name, u.Ticks))).ToDictionary(u => u.name, u => u.Ticks, StringComparer.Ordinal);
}
