using ActorVm.Host.Config.Hocon;

namespace ActorVm.Host.Config;

/// <summary>A configuration value, under the key the settings bind from, with where it was written.</summary>
public sealed record SettingsEntry(string Key, string? Value, string Written, int Line);

/// <summary>
/// Turns a configuration document into the keys the settings bind from. The node's own sections are
/// written in HOCON's kebab-case (block-interval-ms) or as the settings name them (blockIntervalMs):
/// both bind to the same setting. The worker pool is set where Akka.NET sets a pool, under
/// akka.actor.deployment."/vm/workers", and binds to the pool section.
/// </summary>
public static class SettingsKeys
{
    private const string WorkersDeployment = "akka:actor:deployment:/vm/workers:";

    public static IReadOnlyList<SettingsEntry> Of(HoconObject document) =>
        document.Flatten().Select(leaf => new SettingsEntry(Key(leaf.Path), leaf.Value, leaf.Path.Replace(':', '.'), leaf.Line)).ToList();

    /// <summary>The settings key of a document path (segments joined by ':').</summary>
    public static string Key(string path)
    {
        if (path.StartsWith(WorkersDeployment, StringComparison.OrdinalIgnoreCase))
        {
            var rest = path[WorkersDeployment.Length..];
            return "pool:" + rest.ToLowerInvariant() switch
            {
                "resizer:enabled" => "resizerenabled",
                var r when r.StartsWith("resizer:", StringComparison.Ordinal) => Camel(r["resizer:".Length..]),
                var r => Camel(r),
            };
        }
        return string.Join(':', path.Split(':').Select(Camel));
    }

    /// <summary>A key with no array index, in the form keys are compared in (binding ignores case).</summary>
    public static string Comparable(string key) =>
        string.Join(':', key.Split(':').Where(s => !s.All(char.IsAsciiDigit))).ToLowerInvariant();

    private static string Camel(string segment) => segment.Replace("-", "", StringComparison.Ordinal);
}
