using System.Text;

namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// Turns the parsed tree into <see cref="HoconValue"/>s once the whole document is known, so that a
/// substitution sees the final value of its path, however late that was defined. Each node is
/// resolved once and remembered (the spec asks that one substitution give one value); a node met
/// again while it is being resolved is a cycle.
/// </summary>
internal sealed class SubstitutionResolver(ObjectNode root, Func<string, string?> environment)
{
    private readonly Dictionary<Node, HoconValue?> _resolved = [];
    private readonly HashSet<Node> _resolving = [];
    private readonly List<SubstitutionNode> _following = [];

    public HoconObject ResolveDocument() => (HoconObject)Resolve(root)!;

    /// <summary>The node's value, or null where an undefined <c>${?x}</c> leaves nothing.</summary>
    private HoconValue? Resolve(Node node)
    {
        if (_resolved.TryGetValue(node, out var known)) return known;
        if (!_resolving.Add(node)) throw Cycle(node);
        var value = node switch
        {
            ScalarNode scalar => new HoconScalar(scalar.Text, scalar.Kind, scalar.At.Line, scalar.At.File),
            ObjectNode obj => ResolveObject(obj),
            ArrayNode array => new HoconArray(array.Elements.Select(Resolve).OfType<HoconValue>().ToList(), array.At.Line, array.At.File),
            SubstitutionNode substitution => ResolveSubstitution(substitution),
            PreviousValueNode previous => ResolvePrevious(previous),
            ConcatenationNode concatenation => ResolveConcatenation(concatenation),
            MergeStackNode stack => MergeLayers(stack.Layers.Count, i => Resolve(stack.Layers[i])),
            ResolvedNode resolved => resolved.Value,
            _ => throw new InvalidOperationException($"unknown node {node.GetType().Name}"),
        };
        _resolving.Remove(node);
        _resolved[node] = value;
        return value;
    }

    private HoconException Cycle(Node node)
    {
        var at = _following.Count > 0 ? _following[^1].At : node.At;
        var chain = string.Join(" -> ", _following.Select(s => s.Text));
        return at.Error($"the substitutions refer to each other in a cycle: {chain}");
    }

    private HoconObject ResolveObject(ObjectNode obj)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, child) in obj.Fields)
            if (Resolve(child) is { } value) fields[key] = value;
        return new HoconObject(fields, obj.At.Line, obj.At.File);
    }

    private HoconValue? ResolveSubstitution(SubstitutionNode substitution)
    {
        _following.Add(substitution);
        try
        {
            // In an included file the path is looked up relative to the file's place first.
            IEnumerable<IReadOnlyList<string>> candidates = substitution.FilePrefix.Count > 0
                ? [[.. substitution.FilePrefix, .. substitution.Path], substitution.Path]
                : [substitution.Path];
            foreach (var path in candidates)
                if (Find(path) is { } target && Resolve(target) is { } value)
                    return value;
            return FromEnvironment(substitution)
                ?? (substitution.Optional ? null : throw substitution.At.Error(
                    $"{substitution.Text} is not defined: {HoconPath.Render(substitution.Path)} is neither in the configuration nor in the environment"));
        }
        finally
        {
            _following.RemoveAt(_following.Count - 1);
        }
    }

    // A value from the environment is placed where the substitution that asked for it stands.
    private HoconScalar? FromEnvironment(SubstitutionNode substitution) =>
        environment(substitution.EnvironmentName) is { } text
            ? new HoconScalar(text, HoconScalarKind.String, substitution.At.Line, substitution.At.File)
            : null;

    private HoconValue? ResolvePrevious(PreviousValueNode previous)
    {
        var value = MergeLayers(previous.Earlier.Count, i => Select(Resolve(previous.Earlier[i].Value), previous.Earlier[i].Remaining));
        if (value is not null || previous.Reference is not { } reference) return value;
        return FromEnvironment(reference)
            ?? (reference.Optional ? null : throw reference.At.Error(
                $"{reference.Text} refers to the field it defines, which has no earlier value, and {reference.EnvironmentName} is not in the environment"));
    }

    private static HoconValue? Select(HoconValue? value, IReadOnlyList<string> keys)
    {
        foreach (var key in keys)
            value = value is HoconObject obj && obj.TryGetValue(key, out var child) ? child : null;
        return value;
    }

    /// <summary>
    /// Definitions of one place, earliest first, merged from the latest down: objects merge, and the
    /// first other value hides everything below it, which is then never resolved (so a hidden
    /// <c>${missing}</c> is no error).
    /// </summary>
    private static HoconValue? MergeLayers(int count, Func<int, HoconValue?> layer)
    {
        HoconValue? result = null;
        for (var i = count - 1; i >= 0; i--)
        {
            var value = layer(i);
            if (value is null) continue;
            if (result is null) result = value;
            else if (value is HoconObject below) result = below.MergedWith((HoconObject)result);
            else break;
            if (result is not HoconObject) break;
        }
        return result;
    }

    private HoconValue? ResolveConcatenation(ConcatenationNode concatenation)
    {
        // Resolved parts, with the spaces between them as strings; undefined ${?x} parts drop out.
        var items = new List<(HoconValue? Value, string? Space)>();
        foreach (var part in concatenation.Parts)
            if (part is ScalarNode { IsSeparator: true } space) items.Add((null, space.Text));
            else if (Resolve(part) is { } value) items.Add((value, null));
        var values = items.Select(i => i.Value).OfType<HoconValue>().ToList();
        if (values.Count == 0) return null;

        var at = concatenation.At;
        if (values.All(v => v is HoconObject)) return values.Cast<HoconObject>().Aggregate((earlier, later) => earlier.MergedWith(later));
        if (values.All(v => v is HoconArray))
            return new HoconArray(values.SelectMany(v => ((HoconArray)v).Elements).ToList(), at.Line, at.File);
        if (values.All(v => v is HoconScalar))
        {
            var first = items.FindIndex(i => i.Value is not null);
            var last = items.FindLastIndex(i => i.Value is not null);
            var text = new StringBuilder();
            foreach (var (value, space) in items.Skip(first).Take(last - first + 1))
                text.Append(space ?? ((HoconScalar)value!).Text);
            return new HoconScalar(text.ToString(), HoconScalarKind.String, at.Line, at.File);
        }
        var odd = values.First(v => v.GetType() != values[0].GetType());
        throw at.Error(concatenation.Parts[0] is PreviousValueNode { Reference: null }
            ? $"'+=' appends to an array, but the earlier value is {KindName(values[0])}"
            : $"cannot concatenate {KindName(values[0])} with {KindName(odd)}");
    }

    private static string KindName(HoconValue value) => HoconKindNames.Of(value is HoconObject, value is HoconArray, (value as HoconScalar)?.Kind);

    /// <summary>
    /// The node at <paramref name="path"/>, found without resolving the objects on the way: that is
    /// what lets <c>bar { foo = 42, baz = ${bar.foo} }</c> refer into the object it is in.
    /// </summary>
    private Node? Find(IReadOnlyList<string> path)
    {
        Node? node = root;
        foreach (var key in path)
        {
            node = Child(node, key);
            if (node is null) return null;
        }
        return node;
    }

    private Node? Child(Node node, string key) => node switch
    {
        ObjectNode obj => obj.Fields.TryGetValue(key, out var child) ? child : null,
        MergeStackNode stack => ChildOfLayers(stack.Layers, key),
        ConcatenationNode concatenation => ChildOfLayers(concatenation.Parts.Where(p => p is not ScalarNode { IsSeparator: true }).ToList(), key),
        ScalarNode or ArrayNode => null,
        _ => Resolve(node) is HoconObject obj && obj.TryGetValue(key, out var value) ? new ResolvedNode(value) : null,
    };

    /// <summary>The field <paramref name="key"/> of a value made of merged layers, from the latest down.</summary>
    private Node? ChildOfLayers(IReadOnlyList<Node> layers, string key)
    {
        var definitions = new List<Node>();
        for (var i = layers.Count - 1; i >= 0; i--)
        {
            if (layers[i] is ScalarNode or ArrayNode) break;
            if (layers[i] is ObjectNode obj)
            {
                if (obj.Fields.TryGetValue(key, out var child)) definitions.Insert(0, child);
                continue;
            }
            var value = Resolve(layers[i]);
            if (value is null) continue;
            if (value is not HoconObject resolved) break;
            if (resolved.TryGetValue(key, out var field)) definitions.Insert(0, new ResolvedNode(field));
        }
        return definitions.Count switch
        {
            0 => null,
            1 => definitions[0],
            _ => new MergeStackNode(definitions[0].At, definitions),
        };
    }
}
