using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Vm;

/// <summary>
/// What is checked before a transaction runs at all: its format, that no block under the view holds
/// it already, and, for contracts that exist, that each method is in the ABI with arguments of the
/// right types. A refused transaction gets its receipt here and changes nothing. Parsed ABIs are kept
/// per contract.
/// </summary>
public sealed class TransactionPrecheck(ExecutionLimits limits)
{
    /// <summary>The most gas a transaction runs with, whatever its limit asks.</summary>
    public long GasCap => limits.MaxTxGas;


    private readonly DeployedCodeCache _parsed = new(256);

    /// <summary>
    /// The refusing receipt, or null when the transaction may run. Contracts are looked up in
    /// <paramref name="world"/> (the transaction's own, where a worker runs it) or else the view.
    /// </summary>
    public Receipt? Refusal(Transaction tx, StateView chain, IWorldState? world = null)
    {
        if (TransactionFormat.Check(tx) is { } problem) return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, problem);
        // Replay protection: a transaction runs once; the same bytes sent again are refused.
        if (chain.Holds(tx.ReplayKey, tx.Time)) return Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, $"transaction {tx.Hash} is already in a committed block");
        IWorldState? contracts = world;
        for (var i = 0; i < tx.Actions.Count; i++)
        {
            var action = tx.Actions[i];
            if (SystemContracts.IsSystem(action.Contract)) continue;
            contracts ??= new JournalWorldState(new StateJournal(chain));
            // A contract not yet committed may be deployed earlier in the same block: its worker checks it.
            if (contracts.GetContract(action.Contract) is not { } contract) continue;
            try
            {
                _parsed.Abi(contract.Id, contract.AbiJson).CheckCall(action.ActionName, action.Arguments ?? []);
            }
            catch (AbiException e)
            {
                return Receipt.Failed(tx.Hash, StatusCode.WrongParameter, e.Message);
            }
        }
        return null;
    }

    /// <summary>
    /// The refusing receipt when the transaction may not run in this block: chain id, time window,
    /// signatures, and its signers' and publisher's permissions (read from <paramref name="world"/>).
    /// </summary>
    public Receipt? Unauthorized(Transaction tx, BlockContext block, IWorldState world) =>
        TransactionAuthorization.Problem(tx, block, world, limits.Chain, limits.MaxTxGas) is { } problem ? Receipt.Failed(tx.Hash, StatusCode.WrongTxFormat, problem) : null;
}
