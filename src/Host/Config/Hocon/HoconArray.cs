namespace ActorVm.Host.Config.Hocon;

/// <summary>An array of resolved values.</summary>
public sealed class HoconArray : HoconValue
{
    internal HoconArray(IReadOnlyList<HoconValue> elements, int line, string? file) : base(line, file)
    {
        Elements = elements;
    }

    public IReadOnlyList<HoconValue> Elements { get; }

    public int Count => Elements.Count;

    public HoconValue this[int index] => Elements[index];
}
