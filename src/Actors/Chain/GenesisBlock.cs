using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>A genesis whose transaction failed: the chain cannot start from it.</summary>
public sealed class GenesisException(string message) : Exception(message);

/// <summary>
/// Block 0: the genesis transaction run on an empty store, before any actor starts, and committed as
/// the chain's first block (no parent, witness "0", the genesis time). Every node that starts from
/// the same genesis writes the same block, so their chains share its hash.
/// </summary>
public static class GenesisBlock
{
    public const string Witness = "0";

    /// <summary>Runs and commits the genesis on an empty store; a store that holds blocks is left as it is (null).</summary>
    public static BlockRecord? CommitIfEmpty(StateDb db, Transaction genesis, long time, ExecutionLimits limits, Action<string, string>? log = null)
    {
        if (!db.IsEmpty) return null;
        using var engine = new ContractEngine(limits with { TimeLimit = TimeSpan.FromMinutes(1), ValidationTimeLimit = TimeSpan.FromMinutes(1) });
        var journal = db.BeginTransaction();
        var receipt = new TransactionExecutor(engine, log).Execute(genesis, new JournalWorldState(journal), new BlockContext(0, "", Witness, time));
        if (receipt.Status.Code != StatusCode.Success)
        {
            db.DiscardBlock();
            throw new GenesisException($"the genesis transaction failed ({receipt.Status.Code}): {receipt.Status.Message}");
        }
        db.CommitTransaction(journal);
        return db.CommitGenesis(new BlockDraft(time, Witness,
            [new StoredReceipt(receipt.TxHash, ChainJson.Encoded(receipt), ChainJson.Serialize(genesis)) { ReplayKey = genesis.ReplayKey, TxTime = genesis.Time }]));
    }
}
