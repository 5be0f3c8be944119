namespace ActorVm.Host.Config.Hocon;

// The parsed, not yet resolved document. Substitutions stay in it as nodes until the whole
// document (includes and all later definitions too) is known; then SubstitutionResolver turns it
// into HoconValues. Nodes are not changed once their object literal has been read: merges build
// new nodes, so a node that a self-reference captured keeps the value it had.

internal abstract class Node(SourcePosition at)
{
    public SourcePosition At { get; } = at;
}

internal sealed class ObjectNode(SourcePosition at) : Node(at)
{
    public OrderedDictionary<string, Node> Fields { get; } = new(StringComparer.Ordinal);
}

internal sealed class ArrayNode(SourcePosition at, IReadOnlyList<Node> elements) : Node(at)
{
    public IReadOnlyList<Node> Elements { get; } = elements;
}

internal sealed class ScalarNode(SourcePosition at, string text, HoconScalarKind kind) : Node(at)
{
    public string Text { get; } = text;
    public HoconScalarKind Kind { get; } = kind;

    /// <summary>Unquoted whitespace between concatenated values: kept in a string, dropped between objects or arrays.</summary>
    public bool IsSeparator { get; init; }
}

/// <summary><c>${path}</c>: looked up in the whole document once it is parsed.</summary>
internal sealed class SubstitutionNode(SourcePosition at, string text, IReadOnlyList<string> path, bool optional, IReadOnlyList<string> filePrefix)
    : Node(at)
{
    /// <summary>As written, for messages: <c>${?a.b}</c>.</summary>
    public string Text { get; } = text;

    /// <summary>The path as written, relative to the root of the file that contains it.</summary>
    public IReadOnlyList<string> Path { get; } = path;

    public bool Optional { get; } = optional;

    /// <summary>
    /// Where the file's root sits in the document (non-empty inside an included file): the spec
    /// looks a substitution up there first, then at the document's root.
    /// </summary>
    public IReadOnlyList<string> FilePrefix { get; } = filePrefix;

    /// <summary>The name an environment variable would have: the path's keys joined by dots.</summary>
    public string EnvironmentName => string.Join(".", Path);
}

/// <summary>
/// A field's value made of several parts with at least one substitution (<c>${dir}/data</c>,
/// <c>${base} { name = east }</c>); what kind of value it is shows only once the parts are resolved.
/// </summary>
internal sealed class ConcatenationNode(SourcePosition at, IReadOnlyList<Node> parts) : Node(at)
{
    public IReadOnlyList<Node> Parts { get; } = parts;
}

/// <summary>
/// Definitions of one field, earliest first, that cannot be merged until resolved: a later object
/// merges with an earlier one that a substitution yields, and an undefined <c>${?x}</c> leaves the
/// earlier value in place.
/// </summary>
internal sealed class MergeStackNode(SourcePosition at, IReadOnlyList<Node> layers) : Node(at)
{
    public IReadOnlyList<Node> Layers { get; } = layers;
}

/// <summary>
/// A self-reference (<c>path = ${path}:/x</c>, or the hidden one in <c>+=</c>): the value its path
/// held before this definition, captured while parsing as the definitions seen so far, each with
/// the keys that remain to be followed once it is resolved.
/// </summary>
internal sealed class PreviousValueNode(SourcePosition at, IReadOnlyList<(Node Value, IReadOnlyList<string> Remaining)> earlier,
    SubstitutionNode? reference) : Node(at)
{
    public IReadOnlyList<(Node Value, IReadOnlyList<string> Remaining)> Earlier { get; } = earlier;

    /// <summary>The substitution it replaces; null for <c>+=</c>, which adds to nothing when there is nothing earlier.</summary>
    public SubstitutionNode? Reference { get; } = reference;
}

/// <summary>A value already resolved, met while looking a path up through a substitution.</summary>
internal sealed class ResolvedNode(HoconValue value) : Node(new SourcePosition(value.File, value.Line, 0))
{
    public HoconValue Value { get; } = value;
}
