using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// What is checked before a transaction runs at all: its format, and, for contracts already
/// committed, that each method is in the ABI with arguments of the right types. A refused
/// transaction gets its receipt here and changes nothing. Parsed ABIs are kept per contract.
/// </summary>
internal sealed class TransactionPrecheck(StateDb db)
{
    private readonly DeployedCodeCache _parsed = new(256);

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
                _parsed.Abi(contract.Id, contract.Abi).CheckCall(action.ActionName, action.Data);
            }
            catch (AbiException e)
            {
                return Receipt.Failed(tx.Hash, StatusCode.WrongParameter, e.Message);
            }
        }
        return null;
    }
}
