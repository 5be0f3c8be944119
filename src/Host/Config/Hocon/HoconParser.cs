namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// Reads tokens into the unresolved tree (<see cref="Node"/>s): objects with optional root braces,
/// fields and path keys, the merging of repeated keys, and self-references. Values and includes are
/// read in the other parts of this class.
/// </summary>
internal sealed partial class HoconParser
{
    private readonly List<Token> _tokens;
    private readonly string? _file;
    private readonly ParseContext _context;
    private readonly IReadOnlyList<string> _filePrefix;
    private int _index;

    private HoconParser(List<Token> tokens, string? file, ParseContext context, IReadOnlyList<string> filePrefix)
    {
        _tokens = tokens;
        _file = file;
        _context = context;
        _filePrefix = filePrefix;
    }

    /// <param name="filePrefix">Where the file's root sits in the document (an include's place).</param>
    /// <param name="included">Whether the file is included into another, whose objects being read
    /// stay visible to its self-references.</param>
    public static ObjectNode Parse(string text, string? file, ParseContext context, IReadOnlyList<string> filePrefix, bool included)
    {
        var parser = new HoconParser(HoconLexer.Tokenize(text, file), file, context, filePrefix);
        return parser.ParseDocument(included);
    }

    private Token Peek(int ahead = 0) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Advance() => _tokens[_index < _tokens.Count - 1 ? _index++ : _index];

    private void SkipSpaces()
    {
        while (Peek().Kind == TokenKind.Whitespace) Advance();
    }

    private void SkipBlank()
    {
        while (Peek().Kind is TokenKind.Whitespace or TokenKind.Newline) Advance();
    }

    private ObjectNode ParseDocument(bool included)
    {
        SkipBlank();
        var first = Peek();
        if (first.Kind == TokenKind.OpenBracket)
            throw first.At.Error(included ? "an included file must hold an object, not an array" : "the document must be an object, not an array");
        var open = first.Kind == TokenKind.OpenBrace ? Advance() : null;
        var root = ParseObject(open, keysFromParent: included ? [] : null, pathInFile: []);
        SkipBlank();
        var rest = Peek();
        if (rest.Kind != TokenKind.End) throw rest.At.Error($"unexpected {rest.Describe()} after the end of the document");
        return root;
    }

    /// <summary>The fields after <paramref name="open"/>, up to its '}'; with no <paramref name="open"/>, the braceless root.</summary>
    private ObjectNode ParseObject(Token? open, IReadOnlyList<string>? keysFromParent, IReadOnlyList<string>? pathInFile)
    {
        var obj = new ObjectNode(open?.At ?? Peek().At);
        _context.Enter(new Scope(obj, keysFromParent, pathInFile));
        SkipBlank();
        while (!AtClose(TokenKind.CloseBrace, open, "object"))
        {
            ParseField(obj);
            if (!SkipSeparator() && !IsCloser(Peek().Kind))
                throw Peek().At.Error($"expected ',' or a newline after a field, found {Peek().Describe()}");
        }
        _context.Leave();
        return obj;
    }

    private static bool IsCloser(TokenKind kind) => kind is TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.End;

    /// <summary>Whether the object or array opened by <paramref name="open"/> ends here (then steps past its closer).</summary>
    private bool AtClose(TokenKind closer, Token? open, string what)
    {
        var next = Peek();
        if (!IsCloser(next.Kind)) return false;
        if (open is null)
        {
            if (next.Kind == TokenKind.End) return true;
            throw next.At.Error($"'{next.Text}' has nothing to close");
        }
        var closing = closer == TokenKind.CloseBrace ? '}' : ']';
        if (next.Kind != closer)
            throw next.At.Error($"expected '{closing}' to close the {what} opened at {open.At.Line}:{open.At.Column}, found {next.Describe()}");
        Advance();
        return true;
    }

    /// <summary>A comma, newlines, or both between fields or elements: whether one was there.</summary>
    private bool SkipSeparator()
    {
        var commas = 0;
        var newline = false;
        while (true)
        {
            var next = Peek();
            if (next.Kind == TokenKind.Comma && commas++ > 0) throw next.At.Error("two commas in a row");
            if (next.Kind is not (TokenKind.Comma or TokenKind.Whitespace or TokenKind.Newline)) return commas > 0 || newline;
            newline |= next.Kind == TokenKind.Newline;
            Advance();
        }
    }

    private void ParseField(ObjectNode obj)
    {
        var start = Peek();
        if (start.Kind == TokenKind.Unquoted && start.Text == "include")
        {
            ParseInclude(obj);
            return;
        }
        var keys = ParseKey();
        SkipSpaces();
        var separator = Peek();
        if (separator.Kind is TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals)
        {
            Advance();
            SkipBlank();
        }
        else if (separator.Kind != TokenKind.OpenBrace)
            throw separator.At.Error($"expected ':', '=' or '{{' after the key {HoconPath.Render(keys)}, found {separator.Describe()}");

        var scope = _context.Current;
        IReadOnlyList<string>? pathInFile = scope.PathInFile is null ? null : [.. scope.PathInFile, .. keys];
        var value = ParseValue(keys, pathInFile);
        value = separator.Kind == TokenKind.PlusEquals ? AppendToEarlier(keys, value) : ReplaceSelfReferences(value, pathInFile);
        Assign(obj, keys, value, start.At);
    }

    /// <summary>A path expression up to the separator: unquoted parts split at dots, quoted ones are whole keys.</summary>
    private List<string> ParseKey()
    {
        var start = Peek();
        var pieces = new List<(string Text, bool Quoted)>();
        while (true)
        {
            var next = Peek();
            if (next.Kind is TokenKind.Unquoted or TokenKind.Number) pieces.Add((next.Text, false));
            else if (next.Kind == TokenKind.QuotedString) pieces.Add((next.Text, true));
            else if (next.Kind == TokenKind.Whitespace && pieces.Count > 0 && Peek(1).Kind is TokenKind.Unquoted or TokenKind.Number or TokenKind.QuotedString)
                pieces.Add((next.Text, false)); // `a b c : 1` is the key "a b c"
            else if (next.Kind == TokenKind.Substitution) throw next.At.Error("a key cannot contain a substitution");
            else break;
            Advance();
        }
        if (pieces.Count == 0) throw start.At.Error($"expected a key, found {start.Describe()}");
        if (!HoconPath.TryBuild(pieces, out var keys, out var problem)) throw start.At.Error(problem);
        return keys;
    }

    /// <summary><c>a.b.c = v</c> is <c>a { b { c = v } }</c>, merged with what <c>a</c> already holds.</summary>
    private static void Assign(ObjectNode obj, List<string> keys, Node value, SourcePosition at)
    {
        for (var i = keys.Count - 1; i > 0; i--)
        {
            var wrapper = new ObjectNode(at);
            wrapper.Fields[keys[i]] = value;
            value = wrapper;
        }
        obj.Fields[keys[0]] = NodeMerge.Merge(obj.Fields.TryGetValue(keys[0], out var earlier) ? earlier : null, value);
    }

    /// <summary>
    /// <c>path = ${path}:/x</c> refers to what <c>path</c> held before this field (the spec's "looking
    /// backward"); only a substitution that is the value or a part of it counts, not one inside a
    /// nested object or array.
    /// </summary>
    private Node ReplaceSelfReferences(Node value, IReadOnlyList<string>? pathInFile)
    {
        if (pathInFile is null) return value;
        bool IsSelfReference(Node part) => part is SubstitutionNode s && HoconPath.StartsWith(s.Path, pathInFile);
        Node Replace(Node part) => IsSelfReference(part) ? Earlier((SubstitutionNode)part) : part;
        return value switch
        {
            SubstitutionNode => Replace(value),
            ConcatenationNode concatenation when concatenation.Parts.Any(IsSelfReference) =>
                new ConcatenationNode(concatenation.At, concatenation.Parts.Select(Replace).ToList()),
            _ => value,
        };
    }

    private PreviousValueNode Earlier(SubstitutionNode reference)
    {
        var scopePath = _context.Current.PathInFile!;
        return new PreviousValueNode(reference.At, _context.EarlierValues(reference.Path.Skip(scopePath.Count).ToList()), reference);
    }

    /// <summary><c>a += v</c> is <c>a = ${?a} [v]</c>, with <c>${?a}</c> looking backward.</summary>
    private ConcatenationNode AppendToEarlier(List<string> keys, Node value)
    {
        var earlier = new PreviousValueNode(value.At, _context.EarlierValues(keys), reference: null);
        return new ConcatenationNode(value.At, [earlier, new ArrayNode(value.At, [value])]);
    }
}
