namespace ActorVm.Host.Config.Hocon;

/// <summary>Values: scalars, arrays, and the concatenation of the parts written on one line.</summary>
internal sealed partial class HoconParser
{
    /// <summary>
    /// The value after a key or in an array: its parts up to a comma, newline or closer.
    /// <paramref name="keysFromParent"/> and <paramref name="pathInFile"/> place an object literal
    /// among the literals being read (both null in an array).
    /// </summary>
    private Node ParseValue(IReadOnlyList<string>? keysFromParent, IReadOnlyList<string>? pathInFile)
    {
        var parts = new List<Node>();
        while (true)
        {
            var next = Peek();
            switch (next.Kind)
            {
                case TokenKind.QuotedString:
                    parts.Add(new ScalarNode(next.At, next.Text, HoconScalarKind.String));
                    break;
                case TokenKind.Unquoted:
                    parts.Add(new ScalarNode(next.At, next.Text, KindOfWord(next.Text)));
                    break;
                case TokenKind.Number:
                    parts.Add(new ScalarNode(next.At, next.Text, HoconScalarKind.Number));
                    break;
                case TokenKind.Substitution:
                    parts.Add(new SubstitutionNode(next.At, next.Text, next.Path, next.Optional, _filePrefix));
                    break;
                case TokenKind.OpenBrace:
                    Advance();
                    parts.Add(ParseObject(next, keysFromParent, pathInFile));
                    continue;
                case TokenKind.OpenBracket:
                    Advance();
                    parts.Add(ParseArray(next));
                    continue;
                case TokenKind.Whitespace:
                    // Only the whitespace between two parts belongs to the value.
                    if (parts.Count > 0 && Peek(1).Kind is TokenKind.QuotedString or TokenKind.Unquoted or TokenKind.Number
                            or TokenKind.Substitution or TokenKind.OpenBrace or TokenKind.OpenBracket)
                        parts.Add(new ScalarNode(next.At, next.Text, HoconScalarKind.String) { IsSeparator = true });
                    break;
                case TokenKind.Colon or TokenKind.Equals or TokenKind.PlusEquals when parts.Count > 0:
                    throw next.At.Error($"'{next.Text}' is not allowed in an unquoted value; put the value in double quotes");
                default:
                    if (parts.Count == 0) throw next.At.Error($"expected a value, found {next.Describe()}");
                    return Concatenate(parts);
            }
            Advance();
        }
    }

    /// <summary>Unquoted words that stand alone as a value: null, and the booleans (on/off/yes/no included).</summary>
    private static HoconScalarKind KindOfWord(string word) =>
        word == "null" ? HoconScalarKind.Null : HoconScalar.IsBooleanWord(word) ? HoconScalarKind.Boolean : HoconScalarKind.String;

    private ArrayNode ParseArray(Token open)
    {
        var elements = new List<Node>();
        SkipBlank();
        while (!AtClose(TokenKind.CloseBracket, open, "array"))
        {
            elements.Add(ParseValue(null, null));
            if (!SkipSeparator() && !IsCloser(Peek().Kind))
                throw Peek().At.Error($"expected ',' or a newline between array elements, found {Peek().Describe()}");
        }
        return new ArrayNode(open.At, elements);
    }

    /// <summary>
    /// Several parts on one line make one value: simple values a string (with the spaces between
    /// them), objects a merged object, arrays one array. With a substitution among the parts the
    /// kind is known only once it is resolved.
    /// </summary>
    private static Node Concatenate(List<Node> parts)
    {
        if (parts.Count == 1) return parts[0];
        if (parts.Any(p => p is SubstitutionNode)) return new ConcatenationNode(parts[0].At, parts);
        var values = parts.Where(p => p is not ScalarNode { IsSeparator: true }).ToList();
        if (values.All(v => v is ScalarNode))
            return new ScalarNode(parts[0].At, string.Concat(parts.Cast<ScalarNode>().Select(p => p.Text)), HoconScalarKind.String);
        if (values.All(v => v is ObjectNode)) return values.Cast<ObjectNode>().Aggregate(NodeMerge.MergeObjects);
        if (values.All(v => v is ArrayNode)) return new ArrayNode(values[0].At, values.SelectMany(v => ((ArrayNode)v).Elements).ToList());
        var odd = values.First(v => v.GetType() != values[0].GetType());
        throw odd.At.Error($"cannot concatenate {KindName(values[0])} with {KindName(odd)}");
    }

    private static string KindName(Node node) => HoconKindNames.Of(node is ObjectNode, node is ArrayNode, (node as ScalarNode)?.Kind);
}
