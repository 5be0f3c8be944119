namespace ActorVm.Host.Config.Hocon;

/// <summary>A string, number, boolean or null, with its text as it was written.</summary>
public sealed class HoconScalar : HoconValue
{
    // The spec knows only true and false; on/off/yes/no are its conversions to boolean, which this
    // reader applies when the word stands alone unquoted, so that they reach the binder as true/false.
    private static readonly string[] TrueWords = ["true", "on", "yes"];
    private static readonly string[] FalseWords = ["false", "off", "no"];

    internal HoconScalar(string text, HoconScalarKind kind, int line, string? file) : base(line, file)
    {
        Text = text;
        Kind = kind;
    }

    /// <summary>The text as written: a number keeps its spelling (<c>1e5</c>), a boolean its word (<c>on</c>).</summary>
    public string Text { get; }

    public HoconScalarKind Kind { get; }

    /// <summary>The value for a consumer: booleans as "true"/"false", null as null, everything else its text.</summary>
    public string? Value => Kind switch
    {
        HoconScalarKind.Null => null,
        HoconScalarKind.Boolean => TrueWords.Contains(Text) ? "true" : "false",
        _ => Text,
    };

    internal static bool IsBooleanWord(string word) => TrueWords.Contains(word) || FalseWords.Contains(word);

    public override string ToString() => Value ?? "null";
}
