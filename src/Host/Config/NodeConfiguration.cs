using System.Reflection;
using ActorVm.Host.Config.Hocon;
using Microsoft.Extensions.Configuration;

namespace ActorVm.Host.Config;

/// <summary>
/// Builds the settings from, in rising precedence: the embedded defaults (hocon/actorvm.conf as
/// built in), a configuration file (HOCON, of which JSON is a part), environment variables
/// ACTORVM_SECTION__KEY, and flags. A key the defaults do not declare is warned about.
/// </summary>
public static class NodeConfiguration
{
    public const string EnvironmentPrefix = "ACTORVM_";

    /// <summary>The embedded defaults with the environment's overrides.</summary>
    public static NodeSettings Defaults() => Load(null, new Dictionary<string, string?>());

    /// <summary>The embedded hocon/actorvm.conf.</summary>
    public static string DefaultsText()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("ActorVm.Host.actorvm.conf")!;
        return new StreamReader(stream).ReadToEnd();
    }

    /// <param name="warn">Hears each key that no setting reads (a typo, or a setting that does not exist).</param>
    public static NodeSettings Load(string? configFile, IReadOnlyDictionary<string, string?> flags, Action<string>? warn = null)
    {
        var defaults = Read(() => HoconDocument.Parse(DefaultsText(), "actorvm.conf (built in)"));
        var builder = new ConfigurationBuilder().AddInMemoryCollection(Data(defaults));
        if (configFile is not null)
        {
            if (!File.Exists(configFile)) throw new ConfigurationException($"configuration file {configFile} does not exist");
            var file = Read(() => HoconDocument.Load(Path.GetFullPath(configFile)));
            WarnUnknown(defaults, file, configFile, warn);
            builder.AddInMemoryCollection(Data(file));
        }
        WarnUnknown(defaults, Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(v => v.StartsWith(EnvironmentPrefix, StringComparison.Ordinal) && v.Contains("__", StringComparison.Ordinal))
            .Select(v => new SettingsEntry(v[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), null, v, 0)).ToList(), "the environment", warn);
        var config = builder.AddEnvironmentVariables(EnvironmentPrefix).AddInMemoryCollection(flags).Build();

        var settings = new NodeSettings(Bind<NodeOptions>(config, "node"), Bind<LimitOptions>(config, "limits"),
            Bind<PoolOptions>(config, "pool"), Bind<ChainOptions>(config, "chain"), Bind<GatewayOptions>(config, "gateway"), Bind<KeyOptions>(config, "keys"))
        {
            Cluster = Bind<ClusterOptions>(config, "cluster"),
            Log = Bind<LogOptions>(config, "log"),
        };
        SettingsValidation.Validate(settings);
        return settings;
    }

    private static IReadOnlyList<SettingsEntry> Read(Func<HoconObject> read)
    {
        try
        {
            return SettingsKeys.Of(read());
        }
        catch (HoconException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }

    /// <summary>One value per setting: written twice (block-interval-ms and blockIntervalMs), the later one counts.</summary>
    private static Dictionary<string, string?> Data(IReadOnlyList<SettingsEntry> entries)
    {
        var data = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in entries) data[entry.Key] = entry.Value;
        return data;
    }

    private static void WarnUnknown(IReadOnlyList<SettingsEntry> defaults, IReadOnlyList<SettingsEntry> given, string where, Action<string>? warn)
    {
        if (warn is null) return;
        var known = defaults.Select(d => SettingsKeys.Comparable(d.Key)).ToHashSet();
        foreach (var entry in given.Where(e => !known.Contains(SettingsKeys.Comparable(e.Key))))
            warn($"{where}{(entry.Line > 0 ? $":{entry.Line}" : "")}: unknown setting '{entry.Written}' is ignored");
    }

    private static T Bind<T>(IConfiguration config, string section) where T : new()
    {
        try
        {
            return config.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            throw new ConfigurationException(e.Message);
        }
    }
}
