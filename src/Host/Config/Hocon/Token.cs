namespace ActorVm.Host.Config.Hocon;

internal enum TokenKind
{
    OpenBrace,
    CloseBrace,
    OpenBracket,
    CloseBracket,
    Comma,
    Colon,
    Equals,
    PlusEquals,
    Newline,

    /// <summary>Spaces other than newlines: they separate words that concatenate into one string.</summary>
    Whitespace,
    QuotedString,
    Unquoted,
    Number,
    Substitution,
    End,
}

/// <summary>
/// One lexical unit. <see cref="Text"/> is the source text, except for a quoted string, where it is
/// the string's value with escapes applied.
/// </summary>
internal sealed class Token(TokenKind kind, string text, SourcePosition at)
{
    public TokenKind Kind { get; } = kind;
    public string Text { get; } = text;
    public SourcePosition At { get; } = at;

    /// <summary>For a substitution: its path, split into keys.</summary>
    public IReadOnlyList<string> Path { get; init; } = [];

    /// <summary>For a substitution: written <c>${?...}</c>.</summary>
    public bool Optional { get; init; }

    /// <summary>How an error message names the token.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "the end of the file",
        TokenKind.Newline => "a newline",
        TokenKind.Whitespace => "a space",
        TokenKind.QuotedString => $"\"{Text}\"",
        _ => $"'{Text}'",
    };
}
