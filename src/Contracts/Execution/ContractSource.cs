using ActorVm.Contracts.Chain;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace ActorVm.Contracts.Execution;

/// <summary>A contract's JavaScript: one file, or a bundle of files with an entry (docs/contract-api.md).</summary>
public sealed record ContractSource(IReadOnlyDictionary<string, string> Files, string Entry)
{
    public const string SingleFileName = "index.js";

    /// <summary>Largest contract source, all files together (docs/contract-api.md).</summary>
    public const int MaxCodeBytes = 256 * 1024;

    /// <summary>Reads what setCode stores: a bundle as JSON {files: {path: source}, entry}, or else plain source.</summary>
    public static ContractSource Parse(string codeOrBundle)
    {
        if (codeOrBundle.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(codeOrBundle);
                var root = doc.RootElement;
                if (root.TryGetProperty("files", out var files) && files.ValueKind == JsonValueKind.Object)
                {
                    var map = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    foreach (var file in files.EnumerateObject())
                    {
                        if (file.Value.ValueKind != JsonValueKind.String) throw new ContractCompileException($"{file.Name}: the source must be a string");
                        map[Normalize(file.Name)] = file.Value.GetString()!;
                    }
                    var entry = root.TryGetProperty("entry", out var e) && e.ValueKind == JsonValueKind.String ? Normalize(e.GetString()!) : SingleFileName;
                    return new ContractSource(map, entry);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: plain source that starts with a brace.
            }
        }
        return new ContractSource(new Dictionary<string, string> { [SingleFileName] = codeOrBundle }, SingleFileName);
    }

    /// <summary>The bundle form of a multi-file contract, as setCode takes it.</summary>
    public static string Bundle(IReadOnlyDictionary<string, string> files, string entry) =>
        JsonSerializer.Serialize(new { files, entry });

    public int TotalBytes => Files.Sum(f => Encoding.UTF8.GetByteCount(f.Value));

    private string? _hash;

    /// <summary>Identifies the code: SHA-256 (hex) of the files in path order.</summary>
    public string Hash() => _hash ??= ComputeHash();

    private string ComputeHash()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(Entry + "\0"));
        foreach (var (path, source) in Files.OrderBy(f => f.Key, StringComparer.Ordinal))
            hash.AppendData(Encoding.UTF8.GetBytes($"{path}\0{source.Length}\0{source}"));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static string Normalize(string path) => path.StartsWith("./") ? path[2..] : path;
}

/// <summary>The contract's code or its ABI cannot be used; the message names the file, method or argument.</summary>
public sealed class ContractCompileException(string message, StatusCode status = StatusCode.WrongParameter) : Exception(message)
{
    /// <summary>WRONG_PARAMETER for code that does not compile; a resource status when the compiler hit a limit instead.</summary>
    public StatusCode Status { get; } = status;
}
