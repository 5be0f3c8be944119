namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// A HOCON document that cannot be read: its message starts with where, compiler-style
/// (<c>actorvm.conf:12:7: expected '}' ...</c>), so a person can go straight to the spot.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(string problem, string? fileName = null, int line = 0, int column = 0, Exception? inner = null)
        : base(Locate(fileName, line, column) + problem, inner)
    {
        Problem = problem;
        FileName = fileName;
        Line = line;
        Column = column;
    }

    /// <summary>What was wrong, without the location.</summary>
    public string Problem { get; }

    public string? FileName { get; }

    /// <summary>1-based; 0 when the problem is not at one place (such as a missing file).</summary>
    public int Line { get; }

    /// <summary>1-based; 0 when unknown.</summary>
    public int Column { get; }

    private static string Locate(string? fileName, int line, int column)
    {
        var place = line > 0 ? (column > 0 ? $"{line}:{column}" : $"{line}") : "";
        if (fileName is null) return place.Length > 0 ? place + ": " : "";
        return place.Length > 0 ? $"{fileName}:{place}: " : $"{fileName}: ";
    }
}
