using ActorVm.Actors.Runtime;
using ActorVm.Storage.RocksDb;
using ActorVm.Storage.State;

namespace ActorVm.Actors.State;

/// <summary>Adds a journal of successful transactions to the block being built.</summary>
public sealed record AddToBlock(StateJournal Journal);

public sealed record AddedToBlock;

/// <summary>Drops the block being built (its production failed).</summary>
public sealed record DiscardBlock;

/// <summary>
/// Commits the block being built with these receipts; answered with <see cref="BlockCommitted"/> once
/// it is on disk, or a <see cref="StatusFailure"/> holding a <see cref="StorageUnavailableException"/>
/// when the store cannot take it (nothing is written then).
/// </summary>
public sealed record CommitBlock(BlockDraft Draft);

/// <summary>Whether the store can take a block now; answered with <see cref="StorageChecked"/>.</summary>
public sealed record CheckStorage;

public sealed record StorageChecked(string? Problem);

/// <summary>The store cannot take blocks for now (a full disk, a failed write); the message says why.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);

public sealed record BlockCommitted(BlockRecord Block);

public sealed record GetChainStatus;

public sealed record ChainStatus(long Height, string StateRoot, string HeadHash);

public sealed record ReadValue(string Contract, string Key, string? Field = null);

public sealed record ReadReceipt(string TxHash);

/// <summary>A block by height, or the latest when Height is null.</summary>
public sealed record ReadBlock(long? Height);

/// <summary>A stored string (a value, or a receipt as JSON), or null when there is none.</summary>
public sealed record StoredValue(string? Value);

public sealed record StoredBlock(BlockRecord? Block);

/// <summary>A block with its transactions and receipts as stored (JSON), for handing to another node.</summary>
public sealed record ReadFullBlock(long Height);

public sealed record FullBlock(BlockRecord? Block, IReadOnlyList<string> Transactions, IReadOnlyList<string> Receipts);

/// <summary>The root the block being built would get; answered with <see cref="PreviewedRoot"/>.</summary>
public sealed record PreviewRoot;

public sealed record PreviewedRoot(string StateRoot);

/// <summary>
/// The single writer of state: it adds successful transactions to the block being built and commits
/// blocks, in the order the block producer asks; reads of committed state are answered in between.
/// </summary>
public sealed class StateDbActor : ActorBase
{
    /// <param name="reserveBytes">Free disk below which no block is committed (RocksDB must never meet a full disk).</param>
    public StateDbActor(StateDb db, long reserveBytes = 64L * 1024 * 1024)
    {
        Receive<AddToBlock>(m =>
        {
            db.CommitTransaction(m.Journal);
            Sender.Tell(new AddedToBlock());
        });
        Receive<DiscardBlock>(_ => db.DiscardBlock());
        Receive<CommitBlock>(m =>
        {
            if (db.WriteProblem(reserveBytes) is { } problem)
            {
                Sender.Tell(new StatusFailure(new StorageUnavailableException(problem)));
                return;
            }
            try
            {
                Sender.Tell(new BlockCommitted(db.CommitBlock(m.Draft)));
            }
            catch (RocksDbException)
            {
                Sender.Tell(new StatusFailure(new StorageUnavailableException(db.WriteProblem(reserveBytes) ?? "a block could not be written")));
            }
        });
        Receive<CheckStorage>(_ => Sender.Tell(new StorageChecked(db.WriteProblem(reserveBytes))));
        Receive<GetChainStatus>(_ => Sender.Tell(new ChainStatus(db.Height, Convert.ToHexStringLower(db.StateRoot), db.HeadHash)));
        Receive<ReadValue>(m => Sender.Tell(new StoredValue(db.GetCommitted(
            m.Field is null ? StateKeys.Value(m.Contract, m.Key) : StateKeys.MapField(m.Contract, m.Key, m.Field)))));
        Receive<ReadReceipt>(m => Sender.Tell(new StoredValue(db.GetReceipt(m.TxHash))));
        Receive<ReadBlock>(m => Sender.Tell(new StoredBlock(db.GetBlock(m.Height ?? db.Height))));
        Receive<ReadFullBlock>(m =>
        {
            var block = db.GetBlock(m.Height);
            var hashes = block?.TxHashes ?? [];
            Sender.Tell(new FullBlock(block, hashes.Select(h => db.GetTransaction(h) ?? "null").ToList(), hashes.Select(h => db.GetReceipt(h) ?? "null").ToList()));
        });
        Receive<PreviewRoot>(_ => Sender.Tell(new PreviewedRoot(Convert.ToHexStringLower(db.PreviewRoot()))));
    }
}
