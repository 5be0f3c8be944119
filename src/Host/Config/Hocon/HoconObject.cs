using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ActorVm.Host.Config.Hocon;

/// <summary>An object of resolved values, its fields in the order they were first defined.</summary>
public sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> _fields;

    internal HoconObject(OrderedDictionary<string, HoconValue> fields, int line, string? file) : base(line, file)
    {
        _fields = fields;
    }

    public IReadOnlyDictionary<string, HoconValue> Fields => _fields;

    public int Count => _fields.Count;

    public HoconValue this[string key] => _fields[key];

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out HoconValue value) =>
        _fields.TryGetValue(key, out value);

    /// <summary>The spec's object merge: fields of <paramref name="later"/> win, except that two objects merge.</summary>
    internal HoconObject MergedWith(HoconObject later)
    {
        var fields = new OrderedDictionary<string, HoconValue>(StringComparer.Ordinal);
        foreach (var (key, value) in _fields) fields[key] = value;
        foreach (var (key, value) in later._fields)
            fields[key] = fields.TryGetValue(key, out var earlier) && earlier is HoconObject below && value is HoconObject above
                ? below.MergedWith(above)
                : value;
        return new HoconObject(fields, Line, File);
    }

    /// <summary>
    /// Every leaf as a Microsoft.Extensions.Configuration key: path segments joined by ':', array
    /// elements as index segments (<c>a:0</c>). An empty object or array yields its path with a null
    /// value, as the JSON provider does.
    /// </summary>
    public IEnumerable<(string Path, string? Value, int Line)> Flatten() => FlattenInto(this, null);

    private static IEnumerable<(string Path, string? Value, int Line)> FlattenInto(HoconValue value, string? path)
    {
        var children = value switch
        {
            HoconObject obj => obj._fields.Select(f => (f.Key, f.Value)),
            HoconArray array => array.Elements.Select((e, i) => (i.ToString(CultureInfo.InvariantCulture), e)),
            _ => null,
        };
        if (children is null)
        {
            yield return (path!, ((HoconScalar)value).Value, value.Line);
            yield break;
        }
        var empty = true;
        foreach (var (segment, child) in children)
        {
            empty = false;
            foreach (var leaf in FlattenInto(child, path is null ? segment : path + ":" + segment))
                yield return leaf;
        }
        if (empty && path is not null) yield return (path, null, value.Line);
    }
}
