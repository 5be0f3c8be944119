using Microsoft.Extensions.Configuration;

namespace ActorVm.Host.Config.Hocon;

/// <summary>
/// A HOCON document as a configuration source: a file, or text held in memory. Keys are the
/// document's paths joined by ':' (see <see cref="HoconObject.Flatten"/>).
/// </summary>
public sealed class HoconConfigurationSource : IConfigurationSource
{
    /// <param name="text">The document.</param>
    /// <param name="fileName">Named in errors; includes are found next to it.</param>
    /// <param name="environment">Where substitutions the document does not define are looked up
    /// (by default the process's environment variables).</param>
    public HoconConfigurationSource(string text, string? fileName = null, Func<string, string?>? environment = null)
    {
        Text = text;
        FileName = fileName;
        Environment = environment;
    }

    private HoconConfigurationSource(string path, bool optional, Func<string, string?>? environment)
    {
        FileName = path;
        Optional = optional;
        Environment = environment;
    }

    /// <param name="optional">Whether a missing file gives an empty configuration rather than an error.</param>
    public static HoconConfigurationSource FromFile(string path, bool optional = false, Func<string, string?>? environment = null) =>
        new(path, optional, environment);

    /// <summary>The document held in memory; null when it is read from <see cref="FileName"/>.</summary>
    public string? Text { get; }

    public string? FileName { get; }

    public bool Optional { get; }

    public Func<string, string?>? Environment { get; }

    public IConfigurationProvider Build(IConfigurationBuilder builder) => new HoconConfigurationProvider(this);
}
