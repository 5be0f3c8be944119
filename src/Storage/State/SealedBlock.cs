namespace ActorVm.Storage.State;

/// <summary>The head of the chain a block is built on: its height, hash and state root.</summary>
public sealed record ChainTip(long Height, string Hash, byte[] Root)
{
    public string RootHex => Convert.ToHexStringLower(Root);
}

/// <summary>
/// A block whose header is final (state root and hash computed from its parent and its writes) but
/// that may not be on disk yet: <see cref="StateDb.Write"/> makes it durable, in chain order.
/// </summary>
public sealed record SealedBlock(BlockRecord Block, byte[] Root, WriteSet Writes, IReadOnlyList<StoredReceipt> Receipts)
{
    /// <summary>Its receipts; a copy made with other receipts makes its <see cref="ReplayKeys"/> anew.</summary>
    public IReadOnlyList<StoredReceipt> Receipts
    {
        get;
        init
        {
            field = value;
            ReplayKeys = KeysOf(value);
        }
    } = Receipts;

    public ChainTip Tip => new(Block.Height, Block.Hash, Root);

    /// <summary>
    /// The replay keys of its transactions, for the views of blocks built on it before it is on disk:
    /// made once here, where every view used to make its own (a block was in two or three).
    /// </summary>
    public IReadOnlySet<string> ReplayKeys { get; private set; } = KeysOf(Receipts);

    private static HashSet<string> KeysOf(IReadOnlyList<StoredReceipt> receipts) => receipts.Select(r => r.ReplayKeyOrHash).ToHashSet(StringComparer.Ordinal);

    /// <summary>Seals a block on <paramref name="parent"/>; a pure function of its inputs.</summary>
    public static SealedBlock On(ChainTip parent, BlockDraft draft, WriteSet writes) => Seal(parent, parent.Height + 1, draft, writes);

    /// <summary>Seals block 0 of an empty store: the genesis block, which has no parent.</summary>
    public static SealedBlock Genesis(ChainTip empty, BlockDraft draft, WriteSet writes) =>
        empty.Height == 0 && empty.Hash.Length == 0 ? Seal(empty, 0, draft, writes) : throw new InvalidOperationException("only an empty store takes a genesis block");

    private static SealedBlock Seal(ChainTip parent, long height, BlockDraft draft, WriteSet writes)
    {
        var root = StateRoot.Next(parent.Root, writes);
        var rootHex = Convert.ToHexStringLower(root);
        var txHashes = draft.Receipts.Select(r => r.TxHash).ToList();
        var hash = BlockRecord.HashOf(height, parent.Hash, draft.Time, draft.Witness, rootHex, txHashes);
        var block = new BlockRecord(height, hash, parent.Hash, draft.Time, draft.Witness, rootHex, txHashes) { Signature = draft.Sign?.Invoke(hash) ?? "" };
        return new SealedBlock(block, root, writes, draft.Receipts);
    }
}
