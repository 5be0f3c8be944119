using System.Text.Json;
using ActorVm.Contracts.Signing;

namespace ActorVm.Actors.Chain;

/// <summary>
/// How blocks are produced. A block holds at most MaxBlockTransactions, of which at most
/// MaxBlockTransactionsPerSender from one publisher, and stops taking transactions once it has used
/// MaxBlockGas; one publisher may have at most MaxPendingPerSender transactions waiting. A block's
/// transactions run on up to ExecutionLanes workers at once; at most MaxUnwrittenBlocks blocks are
/// sealed and waiting for the disk while the next one executes.
/// </summary>
public sealed record ProducerSettings(TimeSpan Interval, int MempoolCapacity, int MaxBlockTransactions, string Witness)
{
    public static readonly ProducerSettings Default = new(TimeSpan.FromMilliseconds(500), 10_000, 1_000, "local");

    public long MaxBlockGas { get; init; } = 20_000_000;
    public int MaxPendingPerSender { get; init; } = 2_000;
    public int MaxBlockTransactionsPerSender { get; init; } = 250;
    public int ExecutionLanes { get; init; } = Environment.ProcessorCount;
    public int MaxUnwrittenBlocks { get; init; } = 2;

    /// <summary>Whether blocks keep the contracts' console lines in their receipts (a dev chain's option); every node of a chain must agree.</summary>
    public bool ReceiptLogs { get; init; }

    /// <summary>Starts as a standby that only validates blocks from elsewhere until promoted (a cluster replica).</summary>
    public bool Standby { get; init; }

    /// <summary>The key this producer signs its blocks with.</summary>
    public KeyPair BlockKey { get; init; } = DefaultKey;

    /// <summary>Public keys (base58) whose blocks are accepted from elsewhere, beside <see cref="BlockKey"/>'s.</summary>
    public IReadOnlySet<string> BlockSigners { get; init; } = new HashSet<string>();

    public bool AcceptsBlocksFrom(string publicKey) => publicKey == BlockKey.PublicKeyBase58 || BlockSigners.Contains(publicKey);

    /// <summary>The signature of a block hash (hex), in IOST's JSON form.</summary>
    public string SignBlock(string hash) => JsonSerializer.Serialize(BlockKey.Sign(Convert.FromHexString(hash)));

    private static readonly KeyPair DefaultKey = KeyPair.Generate();
}
