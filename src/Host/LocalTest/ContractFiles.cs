using ActorVm.Contracts.Execution;

namespace ActorVm.Host.LocalTest;

/// <summary>A contract as `actorvm test` deploys it: one file or a folder's bundle, with its ABI file or one generated from the source.</summary>
internal static class ContractFiles
{
    public static (string Code, string Abi) Read(string path, string? abiPath, string? entry, Func<string, string, string> generateAbi)
    {
        if (Directory.Exists(path))
        {
            var main = entry ?? "index.js";
            var sources = Directory.EnumerateFiles(path, "*.js", SearchOption.AllDirectories)
                .Where(f => !f.EndsWith(".test.js", StringComparison.Ordinal))
                .ToDictionary(f => Path.GetRelativePath(path, f).Replace('\\', '/'), File.ReadAllText);
            if (!sources.TryGetValue(main, out var entrySource)) throw new IOException($"{path} holds no entry file {main}");
            return (ContractSource.Bundle(sources, main), AbiFor(Path.Combine(path, main), abiPath, entrySource, generateAbi));
        }
        if (!File.Exists(path)) throw new IOException($"{path} does not exist");
        var source = File.ReadAllText(path);
        return (source, AbiFor(path, abiPath, source, generateAbi));
    }

    /// <summary>The ABI file given, else FILE.abi beside the source (as iwallet compile writes it), else one generated now.</summary>
    private static string AbiFor(string file, string? abiPath, string source, Func<string, string, string> generateAbi)
    {
        if (abiPath is not null) return File.Exists(abiPath) ? File.ReadAllText(abiPath) : throw new IOException($"{abiPath} does not exist");
        return File.Exists(file + ".abi") ? File.ReadAllText(file + ".abi") : generateAbi(Path.GetFileName(file), source);
    }
}
