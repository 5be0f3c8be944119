using ActorVm.Actors.Runtime;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.State;

/// <summary>Commits one executed transaction: its writes (empty when it failed) and its receipt.</summary>
public sealed record CommitTx(Receipt Receipt, IReadOnlyDictionary<string, string?> Writes);

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
/// block of its own, with its receipt, in one synced write.
/// </summary>
public sealed class StateDbActor : ActorBase
{
    public StateDbActor(StateDb db)
    {
        Receive<CommitTx>(m =>
        {
            db.CommitBlock(m.Writes, [new(StateKeys.Receipt(m.Receipt.TxHash), ChainJson.Serialize(m.Receipt))]);
            Sender.Tell(new TxCommitted(m.Receipt, db.Height), Self);
        });
        Receive<GetChainStatus>(_ => Sender.Tell(new ChainStatus(db.Height, Convert.ToHexStringLower(db.StateRoot)), Self));
        Receive<ReadValue>(m => Sender.Tell(new StoredValue(db.Get(StateKeys.Value(m.Contract, m.Key))), Self));
        Receive<ReadReceipt>(m => Sender.Tell(new StoredValue(db.Get(StateKeys.Receipt(m.TxHash))), Self));
    }
}
