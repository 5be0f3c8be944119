using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// A transaction's world state, kept in its journal under the storage key layout. A contract is read
/// once per transaction (the precheck and the executor both look it up) until it is put or rolled back;
/// in a lane, once per lane, from <paramref name="lane"/>, while the journal holds no writes of its own
/// (what lies beneath it is then the lane's state) and records no reads (which a lane's cache would skip).
/// </summary>
public sealed class JournalWorldState(StateJournal journal, LaneContracts? lane = null) : IWorldState
{
    private readonly ContractState _state = new(journal);
    // Most transactions touch one contract: it is kept in two fields, a map made only for a second.
    private string? _firstId;
    private DeployedContract? _first;
    private Dictionary<string, DeployedContract?>? _contracts;

    public string? GetValue(string contract, string key) => _state.Get(contract, key);
    public void PutValue(string contract, string key, string value) => _state.Put(contract, key, value);
    public void DeleteValue(string contract, string key) => _state.Delete(contract, key);

    public string? MapGet(string contract, string key, string field) => _state.MapGet(contract, key, field);
    public int MapPut(string contract, string key, string field, string value) => _state.MapPut(contract, key, field, value);
    public int MapDelete(string contract, string key, string field) => _state.MapDelete(contract, key, field);
    public IReadOnlyList<string> MapKeys(string contract, string key) => _state.MapKeys(contract, key);

    public DeployedContract? GetContract(string id)
    {
        if (string.Equals(_firstId, id, StringComparison.Ordinal)) return _first;
        if (_contracts is not null && _contracts.TryGetValue(id, out var known)) return known;
        DeployedContract? contract;
        if (lane is not null && journal.Writes.Count == 0 && !journal.TracksReads)
        {
            if (!lane.TryGet(id, out contract)) lane.Remember(id, contract = Read(id));
        }
        else contract = Read(id);
        if (_firstId is null) (_firstId, _first) = (id, contract);
        else (_contracts ??= new(StringComparer.Ordinal))[id] = contract;
        return contract;
    }

    private DeployedContract? Read(string id) => _state.GetContract(id) is { } c ? new DeployedContract(c.Id, c.Code, c.Abi, c.Owner) : null;

    public void PutContract(DeployedContract contract)
    {
        _state.PutContract(new ContractRecord(contract.Id, contract.Code, contract.AbiJson, contract.Owner));
        Forget();
    }

    private void Forget()
    {
        (_firstId, _first) = (null, null);
        _contracts = null;
    }

    public string? GetBalance(string token, string account) => _state.Balance(token, account);
    public void SetBalance(string token, string account, string amount) => _state.SetBalance(token, account, amount);

    public int Savepoint() => journal.Savepoint();
    public void RollbackTo(int savepoint)
    {
        journal.RollbackTo(savepoint);
        Forget();
    }
}
