using ActorVm.Host.Config.Hocon;

namespace ActorVm.Host.Tests.Hocon;

/// <summary>Reads test documents with an empty environment, so no test depends on the machine's variables.</summary>
internal static class HoconText
{
    public static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.Where(v => v.Name == name).Select(v => v.Value).FirstOrDefault();

    public static HoconObject Parse(string text, Func<string, string?>? environment = null) =>
        HoconDocument.Parse(text, "test.conf", environment ?? Environment());

    /// <summary>The document as configuration keys.</summary>
    public static Dictionary<string, string?> Flatten(string text, Func<string, string?>? environment = null) =>
        Parse(text, environment).Flatten().ToDictionary(leaf => leaf.Path, leaf => leaf.Value);

    /// <summary>The value at a dotted path (keys in tests have no dots of their own).</summary>
    public static HoconValue At(this HoconObject root, string path) =>
        path.Split('.').Aggregate((HoconValue)root, (value, key) => ((HoconObject)value)[key]);

    public static HoconScalar Scalar(string text, string path) => (HoconScalar)Parse(text).At(path);

    public static HoconException Error(string text, Func<string, string?>? environment = null) =>
        Assert.Throws<HoconException>(() => Parse(text, environment));
}
