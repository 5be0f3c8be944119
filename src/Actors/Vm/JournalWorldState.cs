using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>A transaction's world state, kept in its journal under the storage key layout.</summary>
internal sealed class JournalWorldState(StateJournal journal) : IWorldState
{
    private readonly ContractState _state = new(journal);

    public string? GetValue(string contract, string key) => _state.Get(contract, key);

    public void PutValue(string contract, string key, string value) => _state.Put(contract, key, value);

    public void DeleteValue(string contract, string key) => _state.Delete(contract, key);

    public DeployedContract? GetContract(string id) =>
        _state.GetContract(id) is { } c ? new DeployedContract(c.Id, c.Code, c.Abi, c.Owner) : null;

    public void PutContract(DeployedContract contract) =>
        _state.PutContract(new ContractRecord(contract.Id, contract.Code, contract.AbiJson, contract.Owner));
}
