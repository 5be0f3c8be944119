using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>A transaction's world state, kept in its journal under the storage key layout.</summary>
internal sealed class JournalWorldState(StateJournal journal) : IWorldState
{
    public string? GetValue(string contract, string key) => journal.Get(StateKeys.Value(contract, key));

    public void PutValue(string contract, string key, string value) => journal.Put(StateKeys.Value(contract, key), value);

    public void DeleteValue(string contract, string key) => journal.Delete(StateKeys.Value(contract, key));

    public DeployedContract? GetContract(string id) =>
        journal.Get(StateKeys.Contract(id)) is { } json ? ChainJson.Deserialize<DeployedContract>(json) : null;

    public void PutContract(DeployedContract contract) =>
        journal.Put(StateKeys.Contract(contract.Id), ChainJson.Serialize(contract));
}
