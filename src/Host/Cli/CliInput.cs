using System.Text.Json;

namespace ActorVm.Host.Cli;

/// <summary>What a user types, read once into what the commands send: a node address, call arguments.</summary>
internal static class CliInput
{
    public const string DefaultUrl = "http://127.0.0.1:30080";

    /// <summary>--url, else $ACTORVM_URL, else the local node.</summary>
    public static string UrlDefault() => Environment.GetEnvironmentVariable("ACTORVM_URL") is { Length: > 0 } url ? url : DefaultUrl;

    /// <summary>A node's address; "host:port" without a scheme means http.</summary>
    public static Uri NodeAddress(string text)
    {
        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
            throw new CliException($"--url '{text}' is not a node's address, e.g. http://127.0.0.1:30080");
        return uri;
    }

    /// <summary>Call arguments: a JSON array as typed, "@file" for one read from a file, or "-" for standard input.</summary>
    public static string Arguments(string text)
    {
        var json = text switch
        {
            "-" => Console.In.ReadToEnd(),
            ['@', .. var path] => ClientCommands.ReadFile(path),
            _ => text,
        };
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new CliException($"the arguments must be a JSON array, e.g. '[\"alice\", 10]', not {Describe(json)}");
        }
        catch (JsonException e)
        {
            throw new CliException($"the arguments are not valid JSON ({e.Message}): {Describe(json)}");
        }
        return json.Trim();
    }

    private static string Describe(string json) => json.Length > 60 ? $"'{json[..60]}…'" : $"'{json}'";
}
