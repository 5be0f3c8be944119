using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>
/// Runs a transaction's actions in order against its own world state, all within the transaction's
/// gas limit. A receipt with a non-zero status tells the owner to drop every write of the transaction.
/// </summary>
/// <param name="log">Where the node's own errors go (a system contract that could not process its input); contracts' console lines travel in their receipts.</param>
public sealed class TransactionExecutor(ContractEngine engine, Action<string, string>? log = null)
{
    /// <summary>Runs outside a chain (benchmarks, tools): in an ordinary block, never the genesis block's every authority.</summary>
    public Receipt Execute(Transaction tx, IWorldState world) => Execute(tx, world, BlockContext.Standalone);

    /// <param name="gasCap">The chain's cap: a gas limit above it (IOST's SDK asks for 2,000,000 by default) runs under it.</param>
    public Receipt Execute(Transaction tx, IWorldState world, BlockContext block, long gasCap = long.MaxValue)
    {
        var context = new TransactionContext(tx, block, world, engine.Limits.Chain);
        return WithLogs(Run(context, gasCap), context);
    }

    private static Receipt WithLogs(Receipt receipt, TransactionContext context) =>
        context.Logs.Count == 0 ? receipt : receipt with { Logs = context.Logs.ToList() };

    private Receipt Run(TransactionContext context, long gasCap)
    {
        var (tx, world, block) = (context.Tx, context.World, context.Block);
        if (!GasPayment.Applies(context.Rules, block)) return RunActions(context, gasCap);
        // Whether the publisher holds its gas limit was checked with the transaction's authorization (TransactionAuthorization).
        var start = world.Savepoint();
        var receipt = RunActions(context, gasCap);
        // What a machine's limits decided never enters a block: nothing to pay for.
        if (receipt.Status.Code is StatusCode.Timeout or StatusCode.OutOfMemory or StatusCode.StackOverflow) return receipt;
        return Paid(context, start, receipt);
    }

    /// <summary>
    /// Where the chain charges for resources: settles the RAM a successful transaction used, then takes
    /// its gas from the publisher. A failure keeps only the gas payment.
    /// </summary>
    private static Receipt Paid(TransactionContext context, int start, Receipt receipt)
    {
        var (tx, world, block) = (context.Tx, context.World, context.Block);
        if (receipt.Status.Code == StatusCode.Success)
        {
            var usage = context.RamUsage;
            if (RamPayment.Settle(context, usage) is { } unpaid) receipt = Receipt.Failed(tx.Hash, StatusCode.BalanceNotEnough, unpaid, receipt.GasUsed);
            else if (usage.Count > 0) receipt = receipt with { RamUsage = usage.ToDictionary(u => u.Key, u => u.Value, StringComparer.Ordinal) };
        }
        if (receipt.Status.Code != StatusCode.Success) world.RollbackTo(start);
        var cost = GasPayment.Cost(receipt.GasUsed, tx.GasRatio);
        if (!GasPayment.Pay(world, tx.Publisher, cost, block))
        {
            // Only what paying took stays: the actions' writes go.
            world.RollbackTo(start);
            GasPayment.Pay(world, tx.Publisher, cost, block);
            receipt = Receipt.Failed(tx.Hash, StatusCode.BalanceNotEnough,
                $"balance not enough after executing actions: gas not enough, {tx.Publisher} cannot pay {GasLedger.Format(cost)}", receipt.GasUsed);
        }
        return receipt with { GasPaid = GasLedger.Format(cost) };
    }

    /// <summary>A read-only run: its writes are dropped by the caller and nobody pays for its gas.</summary>
    public Receipt Query(Transaction tx, IWorldState world, BlockContext block, long gasCap)
    {
        var context = new TransactionContext(tx, block, world, engine.Limits.Chain);
        return WithLogs(RunActions(context, gasCap), context);
    }

    private Receipt RunActions(TransactionContext context, long gasCap)
    {
        var tx = context.Tx;
        var returns = new List<string>(tx.Actions.Count);
        var limit = Math.Min(tx.GasLimit, gasCap);
        long gas = 0;
        for (var i = 0; i < tx.Actions.Count; i++)
        {
            var action = tx.Actions[i];
            var remaining = limit - gas;
            context.Amounts.BeginAction();
            // What the action calls, looked up once: a built-in contract, else a deployed one (or none).
            var system = SystemContracts.Resolve(action.Contract, context.World);
            var deployed = system is null ? Deployed(context.World, action.Contract) : null;
            // The limits of the method as it is called, whatever the call changes (its code, a domain name).
            IReadOnlyList<AmountLimit>? abiLimits;
            try
            {
                abiLimits = deployed is null ? null : engine.AbiOf(deployed).Method(action.ActionName)?.AmountLimit ?? [];
            }
            catch (AbiException e)
            {
                return Receipt.Failed(tx.Hash, StatusCode.WrongParameter, e.Message, gas);
            }
            var outcome = remaining <= 0
                ? new ExecutionOutcome(StatusCode.GasRunOut, "out of gas before the action started", null)
                : RunAction(context, action, remaining, system, deployed);
            gas += outcome.GasUsed;
            if (!outcome.Succeeded) return Receipt.Failed(tx.Hash, outcome.Code, outcome.Message, gas);
            if (context.Amounts.Exceeded(abiLimits) is { } exceeded) return Receipt.Failed(tx.Hash, StatusCode.RuntimeError, exceeded, gas);
            returns.Add(outcome.Result ?? "");
        }
        // Most transactions record neither: no copies of empty lists.
        return new Receipt(tx.Hash, TxStatus.Success, gas, returns,
            context.Receipts.Count == 0 ? [] : context.Receipts.ToList(), context.Events.Count == 0 ? [] : context.Events.ToList());
    }

    /// <summary>
    /// One action. Input that a system contract could not process is that transaction's failure, never
    /// the caller's: the exception becomes the receipt's status, named by its type alone so that every
    /// node writes the same text whatever its runtime's wording.
    /// </summary>
    private ExecutionOutcome RunAction(TransactionContext context, TxAction action, long gasLimit, ISystemContract? system, DeployedContract? deployed)
    {
        try
        {
            if (system is null) return RunContract(context, action, gasLimit, deployed);
            var frame = new CallFrame(system.Names[0], action.ActionName, "", context.Tx.Publisher, true, CallFrame.NoExtraAuth);
            return system.Run(context, frame, action, engine, gasLimit);
        }
        catch (Exception e) when (e is not (OutOfMemoryException or InsufficientExecutionStackException))
        {
            log?.Invoke("error", $"{action.Contract}.{action.ActionName} failed on its input: {e}");
            return new(StatusCode.WrongParameter, $"{action.Contract}.{action.ActionName}: the arguments could not be processed ({e.GetType().Name})", null);
        }
    }

    /// <summary>A deployed contract by its id, or by a name domain.iost links to it.</summary>
    internal static DeployedContract? Deployed(IWorldState world, string name) =>
        world.GetContract(name) ?? (DomainContract.Resolve(world, name) is { } id ? world.GetContract(id) : null);

    private ExecutionOutcome RunContract(TransactionContext tx, TxAction action, long gasLimit, DeployedContract? contract)
    {
        if (contract is null)
            return new(StatusCode.WrongParameter, $"contract '{action.Contract}' does not exist", null);
        var frame = new CallFrame(contract.Id, action.ActionName, contract.Owner, tx.Tx.Publisher, true, CallFrame.NoExtraAuth);
        return engine.RunDeployed(tx, frame, contract, action.ActionName, action.Data, gasLimit, parsedArgs: action.Arguments);
    }
}
