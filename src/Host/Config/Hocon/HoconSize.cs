namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// The spec's size-in-bytes format: <c>128MiB</c>, <c>64M</c>, <c>1k</c>, <c>10 kB</c>; a bare number
/// is bytes. As in the spec, single letters and the "i" forms are powers of two (K = 1024) and
/// kB/MB/GB... are powers of ten; KB, which the spec does not list, is refused rather than guessed.
/// </summary>
public static class HoconSize
{
    private static readonly Dictionary<string, decimal> BytesPerUnit = Units();

    /// <returns>The size in bytes (a fractional result is truncated, as the reference implementation does).</returns>
    /// <exception cref="FormatException">Not a number with one of the spec's size units, negative, or over a long.</exception>
    public static long Parse(string text)
    {
        var (number, unit) = UnitString.Split(text, "a size");
        if (!BytesPerUnit.TryGetValue(unit, out var bytes))
            throw new FormatException($"'{text}' is not a size: '{unit}' is not a unit (use B, K/KiB, M/MiB, G/GiB... for powers of 2, kB, MB, GB... for powers of 10)");
        if (number < 0) throw new FormatException($"'{text}' is not a size: it is negative");
        try
        {
            return decimal.ToInt64(decimal.Truncate(number * bytes));
        }
        catch (OverflowException)
        {
            throw new FormatException($"'{text}' is too large a size");
        }
    }

    private static Dictionary<string, decimal> Units()
    {
        var units = new Dictionary<string, decimal>(StringComparer.Ordinal);
        foreach (var name in new[] { "", "B", "b", "byte", "bytes" }) units[name] = 1;
        string[] decimalNames = ["kilo", "mega", "giga", "tera", "peta", "exa", "zetta", "yotta"];
        string[] binaryNames = ["kibi", "mebi", "gibi", "tebi", "pebi", "exbi", "zebi", "yobi"];
        decimal power10 = 1, power2 = 1;
        for (var i = 0; i < decimalNames.Length; i++)
        {
            power10 *= 1000;
            power2 *= 1024;
            var letter = "KMGTPEZY"[i].ToString();
            var lower = letter.ToLowerInvariant();
            // kB is the one lowercase decimal symbol, as in SI.
            foreach (var name in new[] { i == 0 ? "kB" : letter + "B", decimalNames[i] + "byte", decimalNames[i] + "bytes" })
                units[name] = power10;
            foreach (var name in new[] { letter, lower, letter + "i", letter + "iB", binaryNames[i] + "byte", binaryNames[i] + "bytes" })
                units[name] = power2;
        }
        return units;
    }
}
