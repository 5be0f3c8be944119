namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// An object literal being read. It links to the one around it so that a self-reference can find
/// what its path held so far, in the objects still being read as well as in the finished ones.
/// </summary>
/// <param name="KeysFromParent">The keys from the enclosing literal to this one; null where there
/// is no such link (the document's root, an object inside an array).</param>
/// <param name="PathInFile">Its path from the root of its file; null inside an array.</param>
internal sealed record Scope(ObjectNode Object, IReadOnlyList<string>? KeysFromParent, IReadOnlyList<string>? PathInFile);

/// <summary>What the parsers of one document (the file and those it includes) share.</summary>
internal sealed class ParseContext
{
    private readonly List<Scope> _open = [];

    /// <summary>Full paths of the files being read: a file that includes itself is an error, not a loop.</summary>
    public HashSet<string> OpenFiles { get; } = [];

    public Scope Current => _open[^1];

    public void Enter(Scope scope) => _open.Add(scope);

    public void Leave() => _open.RemoveAt(_open.Count - 1);

    /// <summary>
    /// The definitions so far of the path <paramref name="keys"/> (relative to the innermost literal),
    /// earliest first: for <c>a { b = ${a.b}x }</c>, what <c>a.b</c> held before this field.
    /// </summary>
    public IReadOnlyList<(Node Value, IReadOnlyList<string> Remaining)> EarlierValues(IReadOnlyList<string> keys)
    {
        var found = new List<(Node, IReadOnlyList<string>)>();
        for (var i = _open.Count - 1; i >= 0; i--)
        {
            if (Follow(_open[i].Object, keys) is { } definition) found.Insert(0, definition);
            if (_open[i].KeysFromParent is not { } up) break;
            keys = [.. up, .. keys];
        }
        return found;
    }

    // Walks the literal's fields; where a value is not a plain object (a substitution, say) the rest
    // of the path is followed only once that value is resolved.
    private static (Node, IReadOnlyList<string>)? Follow(Node node, IReadOnlyList<string> keys)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            if (node is not ObjectNode obj) return (node, keys.Skip(i).ToList());
            if (!obj.Fields.TryGetValue(keys[i], out var child)) return null;
            node = child;
        }
        return (node, []);
    }
}
