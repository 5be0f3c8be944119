using System.Globalization;
using System.Text;

namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// Splits HOCON text into tokens. Comments are dropped here; newlines and runs of other
/// whitespace are kept as tokens because they separate fields and shape value concatenation.
/// </summary>
internal sealed class HoconLexer
{
    // Characters that end an unquoted string (the spec's "forbidden characters"); some are reserved
    // by the spec for later use and are an error wherever they stand outside quotes.
    private const string Forbidden = "$\"{}[]:=,+#`^?!@*&\\";

    private readonly string _text;
    private readonly string? _file;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private HoconLexer(string text, string? file)
    {
        _text = text;
        _file = file;
    }

    public static List<Token> Tokenize(string text, string? file)
    {
        var lexer = new HoconLexer(text, file);
        lexer.Run();
        return lexer._tokens;
    }

    /// <summary>Whitespace as the spec defines it: Unicode separators, the ASCII controls, and the BOM.</summary>
    public static bool IsWhitespace(char c) => char.IsWhiteSpace(c) || c == '\uFEFF' || c is >= '\x1C' and <= '\x1F';

    /// <summary>Whether <paramref name="c"/> cannot stand inside an unquoted string.</summary>
    public static bool EndsUnquoted(char c) => IsWhitespace(c) || Forbidden.Contains(c);

    private SourcePosition Here => new(_file, _line, _pos - _lineStart + 1);

    private char Peek(int ahead = 0) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private void Run()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            var at = Here;
            if (c == '\n')
            {
                _pos++;
                Add(TokenKind.Newline, "\n", at);
                _line++;
                _lineStart = _pos;
            }
            else if (IsWhitespace(c)) Add(TokenKind.Whitespace, ReadWhile(ch => ch != '\n' && IsWhitespace(ch)), at);
            else if (c == '#' || (c == '/' && Peek(1) == '/')) ReadWhile(ch => ch != '\n');
            else if (c == '"') Add(TokenKind.QuotedString, Peek(1) == '"' && Peek(2) == '"' ? ReadTripleQuoted() : ReadQuoted(), at);
            else if (c == '$') _tokens.Add(ReadSubstitution());
            else if (c == '+')
            {
                if (Peek(1) != '=') throw at.Error("'+' is only allowed as '+=' (append to an array); quote a string that contains it");
                _pos += 2;
                Add(TokenKind.PlusEquals, "+=", at);
            }
            else if (Punctuation(c) is { } kind)
            {
                _pos++;
                Add(kind, c.ToString(), at);
            }
            else if (Forbidden.Contains(c)) throw at.Error($"'{c}' is not allowed outside quotes; put the text in double quotes");
            else if (ReadNumber() is { } number) Add(TokenKind.Number, number, at);
            else Add(TokenKind.Unquoted, ReadUnquoted(), at);
        }
        Add(TokenKind.End, "", Here);
    }

    private static TokenKind? Punctuation(char c) => c switch
    {
        '{' => TokenKind.OpenBrace,
        '}' => TokenKind.CloseBrace,
        '[' => TokenKind.OpenBracket,
        ']' => TokenKind.CloseBracket,
        ',' => TokenKind.Comma,
        ':' => TokenKind.Colon,
        '=' => TokenKind.Equals,
        _ => null,
    };

    private void Add(TokenKind kind, string text, SourcePosition at) => _tokens.Add(new Token(kind, text, at));

    private string ReadWhile(Func<char, bool> accept)
    {
        var start = _pos;
        while (_pos < _text.Length && accept(_text[_pos])) _pos++;
        return _text[start.._pos];
    }

    // A single '/' belongs to an unquoted string; two start a comment.
    private string ReadUnquoted() => ReadWhile(c => !EndsUnquoted(c) && !(c == '/' && Peek(1) == '/'));

    /// <summary>A JSON number at the cursor, or null (then the text is an unquoted string).</summary>
    private string? ReadNumber()
    {
        var p = _pos;
        if (p < _text.Length && _text[p] == '-') p++;
        if (p >= _text.Length || !char.IsAsciiDigit(_text[p])) return null;
        if (_text[p] == '0') p++;
        else while (p < _text.Length && char.IsAsciiDigit(_text[p])) p++;
        if (p + 1 < _text.Length && _text[p] == '.' && char.IsAsciiDigit(_text[p + 1]))
        {
            p += 2;
            while (p < _text.Length && char.IsAsciiDigit(_text[p])) p++;
        }
        if (p < _text.Length && _text[p] is 'e' or 'E')
        {
            var q = p + 1;
            if (q < _text.Length && _text[q] is '+' or '-') q++;
            if (q < _text.Length && char.IsAsciiDigit(_text[q]))
            {
                p = q;
                while (p < _text.Length && char.IsAsciiDigit(_text[p])) p++;
            }
        }
        var number = _text[_pos..p];
        _pos = p;
        return number;
    }

    private string ReadQuoted()
    {
        var start = Here;
        _pos++;
        var value = new StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length) throw start.Error("the quoted string is not closed");
            var c = _text[_pos];
            if (c == '"')
            {
                _pos++;
                return value.ToString();
            }
            if (c == '\n') throw start.Error("the quoted string is not closed on its line; use \"\"\" for text over several lines");
            if (c < ' ') throw Here.Error($"control character U+{(int)c:X4} in a quoted string; write it as an escape");
            if (c == '\\') value.Append(ReadEscape());
            else
            {
                value.Append(c);
                _pos++;
            }
        }
    }

    private char ReadEscape()
    {
        var at = Here;
        var c = Peek(1);
        _pos += 2;
        switch (c)
        {
            case '"' or '\\' or '/': return c;
            case 'b': return '\b';
            case 'f': return '\f';
            case 'n': return '\n';
            case 'r': return '\r';
            case 't': return '\t';
            case 'u' when _pos + 4 <= _text.Length
                && ushort.TryParse(_text.AsSpan(_pos, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var code):
                _pos += 4;
                return (char)code;
            default: throw at.Error($"'\\{c}' is not a JSON escape (use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\uXXXX)");
        }
    }

    /// <summary>"""...""": taken as written; quotes beyond the closing three belong to the text, as in Scala.</summary>
    private string ReadTripleQuoted()
    {
        var start = Here;
        _pos += 3;
        var end = _text.IndexOf("\"\"\"", _pos, StringComparison.Ordinal);
        if (end < 0) throw start.Error("the \"\"\" string is not closed");
        while (end + 3 < _text.Length && _text[end + 3] == '"') end++;
        var value = _text[_pos..end];
        for (var i = _pos; i < end; i++)
            if (_text[i] == '\n')
            {
                _line++;
                _lineStart = i + 1;
            }
        _pos = end + 3;
        return value;
    }

    /// <summary><c>${path}</c> or <c>${?path}</c>; the path may mix unquoted and quoted pieces.</summary>
    private Token ReadSubstitution()
    {
        var at = Here;
        if (Peek(1) != '{') throw at.Error("'$' is only allowed as the start of a substitution ${...}; quote a string that contains it");
        var begin = _pos;
        _pos += 2;
        var optional = Peek() == '?';
        if (optional) _pos++;
        var pieces = new List<(string Text, bool Quoted)>();
        while (Peek() != '}')
        {
            var c = Peek();
            if (_pos >= _text.Length || c == '\n') throw at.Error("the substitution is not closed with '}' on its line");
            if (c == '"') pieces.Add((ReadQuoted(), true));
            else if (IsWhitespace(c)) pieces.Add((ReadWhile(ch => ch != '\n' && IsWhitespace(ch)), false));
            else if (Forbidden.Contains(c) || (c == '/' && Peek(1) == '/')) throw Here.Error($"'{c}' is not allowed in a substitution's path");
            else pieces.Add((ReadUnquoted(), false));
        }
        _pos++;
        var text = _text[begin.._pos];
        // Spaces just inside the braces are layout, not part of the path.
        var trimmed = pieces.SkipWhile(p => !p.Quoted && p.Text.All(IsWhitespace)).Reverse()
            .SkipWhile(p => !p.Quoted && p.Text.All(IsWhitespace)).Reverse();
        if (!HoconPath.TryBuild(trimmed, out var path, out var problem)) throw at.Error($"{text}: {problem}");
        return new Token(TokenKind.Substitution, text, at) { Path = path, Optional = optional };
    }
}
