namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// The spec's merge of a repeated key, done while parsing: a later object merges into an earlier
/// one field by field, any other later value replaces. Where a substitution is involved the result
/// is known only after resolving, so both definitions are kept in a <see cref="MergeStackNode"/>.
/// </summary>
internal static class NodeMerge
{
    public static Node Merge(Node? earlier, Node later)
    {
        if (earlier is null) return later;
        if (later is ObjectNode laterObject)
            return earlier switch
            {
                ObjectNode earlierObject => MergeObjects(earlierObject, laterObject),
                MergeStackNode { Layers: [.., ObjectNode top] } stack =>
                    new MergeStackNode(stack.At, [.. stack.Layers.SkipLast(1), MergeObjects(top, laterObject)]),
                ScalarNode or ArrayNode => later, // an object hides a value it cannot merge with
                _ => Stack(earlier, later), // a substitution may yet turn out to be an object
            };
        // A plain value hides everything before it; a substitution may be undefined or an object.
        return later is ScalarNode or ArrayNode ? later : Stack(earlier, later);
    }

    public static ObjectNode MergeObjects(ObjectNode earlier, ObjectNode later)
    {
        var merged = new ObjectNode(earlier.At);
        foreach (var (key, value) in earlier.Fields) merged.Fields[key] = value;
        foreach (var (key, value) in later.Fields)
            merged.Fields[key] = Merge(merged.Fields.TryGetValue(key, out var before) ? before : null, value);
        return merged;
    }

    private static MergeStackNode Stack(Node earlier, Node later) =>
        new(earlier.At, [.. Layers(earlier), .. Layers(later)]);

    private static IEnumerable<Node> Layers(Node node) => node is MergeStackNode stack ? stack.Layers : [node];
}
