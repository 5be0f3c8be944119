using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.State;

/// <summary>Commits one executed transaction: its journal's writes when it succeeded, and its receipt either way.</summary>
public sealed record CommitTx(Receipt Receipt, StateJournal Journal);

/// <summary>Answer to <see cref="CommitTx"/>: the transaction is on disk in block <c>Height</c>.</summary>
public sealed record TxCommitted(Receipt Receipt, long Height);

public sealed record GetChainStatus;

public sealed record ChainStatus(long Height, string StateRoot);

public sealed record ReadValue(string Contract, string Key);

public sealed record ReadReceipt(string TxHash);

/// <summary>A stored string (a value, or a receipt as JSON), or null when there is none.</summary>
public sealed record StoredValue(string? Value);

/// <summary>
/// The single writer of state. Until block production arrives, each transaction is committed as a
/// block of its own: a successful one's journal joins the block cache, then the block (with the
/// receipt) is written in one synced batch.
/// </summary>
public sealed class StateDbActor : ActorBase
{
    public const string LocalWitness = "local";

    public StateDbActor(StateDb db)
    {
        Receive<CommitTx>(m =>
        {
            if (m.Receipt.Status.Code == StatusCode.Success) db.CommitTransaction(m.Journal);
            var time = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
            var block = db.CommitBlock(new BlockDraft(time, LocalWitness, [new StoredReceipt(m.Receipt.TxHash, ChainJson.Serialize(m.Receipt))]));
            Sender.Tell(new TxCommitted(m.Receipt, block.Height), Self);
        });
        Receive<GetChainStatus>(_ => Sender.Tell(new ChainStatus(db.Height, Convert.ToHexStringLower(db.StateRoot)), Self));
        Receive<ReadValue>(m => Sender.Tell(new StoredValue(db.GetCommitted(StateKeys.Value(m.Contract, m.Key))), Self));
        Receive<ReadReceipt>(m => Sender.Tell(new StoredValue(db.GetReceipt(m.TxHash)), Self));
    }
}
