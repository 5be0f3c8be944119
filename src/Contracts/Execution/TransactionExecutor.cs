using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Runs a transaction's actions in order against its own world state. A receipt with a non-zero
/// status tells the owner to drop every write of the transaction.
/// </summary>
public sealed class TransactionExecutor(ContractEngine engine)
{
    public Receipt Execute(Transaction tx, IWorldState state)
    {
        var returns = new List<string>(tx.Actions.Count);
        foreach (var action in tx.Actions)
        {
            var outcome = action.Contract == SystemContract.Name ? RunSystem(tx, action, state) : RunContract(action, state);
            if (!outcome.Succeeded) return Receipt.Failed(tx.Hash, outcome.Code, outcome.Message);
            returns.Add(outcome.Result ?? "");
        }
        return new Receipt(tx.Hash, TxStatus.Success, 0, returns, [], []);
    }

    private ExecutionOutcome RunSystem(Transaction tx, TxAction action, IWorldState state) => action.ActionName switch
    {
        "setCode" => SystemContract.SetCode(tx, action, state, engine),
        _ => new(StatusCode.WrongParameter, $"system has no method '{action.ActionName}'", null),
    };

    private ExecutionOutcome RunContract(TxAction action, IWorldState state)
    {
        var contract = state.GetContract(action.Contract);
        if (contract is null)
            return new(StatusCode.WrongParameter, $"contract '{action.Contract}' does not exist", null);
        try
        {
            ContractAbi.Parse(contract.AbiJson).CheckCall(action.ActionName, action.Data);
        }
        catch (AbiException e)
        {
            return new(StatusCode.WrongParameter, e.Message, null);
        }
        return engine.Run(contract.Code, action.ActionName, action.Data, new ContractStorage(state, contract.Id));
    }
}
