namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// A fully resolved HOCON value. It remembers where it was defined so that a reader of the
/// configuration can point a warning at the right line.
/// </summary>
public abstract class HoconValue
{
    private protected HoconValue(int line, string? file)
    {
        Line = line;
        File = file;
    }

    /// <summary>
    /// 1-based line of the definition: for a merged object its first one, for a value a substitution
    /// copied the original's, for one taken from the environment the substitution's.
    /// </summary>
    public int Line { get; }

    /// <summary>The file that defined the value, or null for text parsed without a name.</summary>
    public string? File { get; }
}
