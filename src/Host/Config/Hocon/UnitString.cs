using System.Globalization;

namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// The spec's "units format" shared by durations and sizes: optional whitespace, a number,
/// optional whitespace, an optional unit made of letters, optional whitespace.
/// </summary>
internal static class UnitString
{
    public static (decimal Number, string Unit) Split(string text, string what)
    {
        var trimmed = text.Trim();
        var unitStart = trimmed.Length;
        while (unitStart > 0 && char.IsLetter(trimmed[unitStart - 1])) unitStart--;
        var number = trimmed[..unitStart].TrimEnd();
        if (!decimal.TryParse(number, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var value))
            throw new FormatException($"'{text}' is not {what}: it must be a number and a unit, such as {Example(what)}");
        return (value, trimmed[unitStart..]);
    }

    private static string Example(string what) => what == "a duration" ? "500ms or 2 s" : "128MiB or 64M";
}
