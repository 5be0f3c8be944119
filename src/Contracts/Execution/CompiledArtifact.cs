using System.Text.Json;

namespace ActorVm.Contracts.Execution;

/// <summary>What is stored beside a contract after its compile phase: instrumented modules and their V8 code caches.</summary>
internal sealed record CompiledArtifact(string Entry, IReadOnlyList<CompiledArtifact.Module> Modules)
{
    public sealed record Module(string Path, string Code, IReadOnlyList<int[]> Insertions, byte[]? CodeCache);

    public static string KeyFor(string codeHash, string engineVersion) => $"{codeHash}-{engineVersion}";

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static CompiledArtifact? FromBytes(byte[] bytes)
    {
        try
        {
            return JsonSerializer.Deserialize<CompiledArtifact>(bytes);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
