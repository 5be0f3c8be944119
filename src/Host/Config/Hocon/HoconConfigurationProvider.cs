using Microsoft.Extensions.Configuration;

namespace ActorVm.Host.Config.Hocon;

/// <summary>Loads a <see cref="HoconConfigurationSource"/>'s document into configuration keys.</summary>
public sealed class HoconConfigurationProvider(HoconConfigurationSource source) : ConfigurationProvider
{
    public HoconConfigurationSource Source { get; } = source;

    /// <exception cref="HoconException">The document cannot be read, or a required file is missing.</exception>
    public override void Load()
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (Read() is { } document)
            foreach (var (path, value, _) in document.Flatten())
                data[path] = value;
        Data = data;
    }

    private HoconObject? Read()
    {
        if (Source.Text is { } text) return HoconDocument.Parse(text, Source.FileName, Source.Environment);
        var path = Source.FileName!;
        if (Source.Optional && !File.Exists(path)) return null;
        return HoconDocument.Load(path, Source.Environment);
    }
}
