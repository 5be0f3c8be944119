using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// What is checked before a transaction runs at all: its format, and, for contracts already
/// committed, that each method is in the ABI with arguments of the right types. A refused
/// transaction gets its receipt here and changes nothing. Parsed ABIs are kept by their text.
/// </summary>
internal sealed class TransactionPrecheck(StateDb db)
{
    private const int KeptAbis = 256;
    private readonly Dictionary<string, ContractAbi> _abis = new(StringComparer.Ordinal);

    /// <summary>The refusing receipt, or null when the transaction may run.</summary>
    public Receipt? Refusal(Transaction tx)
    {
        if (TransactionFormat.Check(tx) is { } problem) return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, problem);
        ContractState? committed = null;
        foreach (var action in tx.Actions)
        {
            if (action.Contract is "system" or "token") continue;
            committed ??= new ContractState(new StateJournal(db.Committed));
            // A contract not yet committed may be deployed earlier in the same block: its worker checks it.
            if (committed.GetContract(action.Contract) is not { } contract) continue;
            try
            {
                Abi(contract.Abi).CheckCall(action.ActionName, action.Data);
            }
            catch (AbiException e)
            {
                return Receipt.Failed(tx.Hash, StatusCode.WrongParameter, e.Message);
            }
        }
        return null;
    }

    private ContractAbi Abi(string json)
    {
        if (_abis.TryGetValue(json, out var known)) return known;
        var parsed = ContractAbi.Parse(json);
        if (_abis.Count >= KeptAbis) _abis.Clear();
        return _abis[json] = parsed;
    }
}
