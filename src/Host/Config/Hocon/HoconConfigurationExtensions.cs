using Microsoft.Extensions.Configuration;

namespace ActorVm.Host.Config.Hocon;

public static class HoconConfigurationExtensions
{
    /// <summary>Adds a HOCON file; a relative path is taken from the working directory.</summary>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, string path, bool optional = false,
        Func<string, string?>? environment = null) =>
        builder.Add(HoconConfigurationSource.FromFile(path, optional, environment));

    /// <summary>Adds a HOCON source, such as text held in memory: <c>new HoconConfigurationSource(text, "inline.conf")</c>.</summary>
    public static IConfigurationBuilder AddHocon(this IConfigurationBuilder builder, HoconConfigurationSource source) => builder.Add(source);
}
