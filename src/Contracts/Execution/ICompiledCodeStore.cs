namespace ActorVm.Contracts.Execution;

/// <summary>
/// Where compiled contracts are kept beside the contracts: the instrumented modules and V8 code
/// caches, keyed by code hash and V8 version. Not part of the state root.
/// </summary>
public interface ICompiledCodeStore
{
    byte[]? Get(string key);
    void Put(string key, byte[] artifact);
}

/// <summary>No persistence: every engine compiles what it runs.</summary>
public sealed class NoCompiledCodeStore : ICompiledCodeStore
{
    public static readonly NoCompiledCodeStore Instance = new();

    public byte[]? Get(string key) => null;

    public void Put(string key, byte[] artifact) { }
}
