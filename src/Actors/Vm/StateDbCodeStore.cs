using System.Text;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>Compiled contracts kept in the StateDB's code-cache column family, beside the contracts.</summary>
public sealed class StateDbCodeStore(StateDb db) : ICompiledCodeStore
{
    /// <summary>False while a query runs: a query writes nothing to disk, not even a code cache.</summary>
    public bool Writes { get; set; } = true;

    public byte[]? Get(string key) => db.Database.Get(Encoding.UTF8.GetBytes(key), db.CodeCache);

    public void Put(string key, byte[] artifact)
    {
        if (Writes) db.Database.Put(Encoding.UTF8.GetBytes(key), artifact, db.CodeCache);
    }
}
