using System.Buffers.Binary;
using System.Collections.Concurrent;

namespace ActorVm.Storage.State;

/// <summary>
/// The database layout, in one place.
///
/// Column families: <c>state</c> (everything the state root covers), <c>blocks</c>, <c>receipts</c>
/// (each committed transaction with its receipt and block, <see cref="TransactionRecord"/>), <c>meta</c>
/// (height, root, head hash, layout, replay keys, block hashes) and <c>contracts</c> (compiled code caches).
///
/// Keys in <c>state</c> join their parts with '-': contract storage keys and map fields never hold
/// '-' or '@' (docs/contract-api.md) and contract ids and token names are checked to hold none either, so
/// every key has one reading.
/// <list type="table">
/// <item><c>v-{contract}-{key}</c>: a contract's storage value</item>
/// <item><c>m-{contract}-{key}-{field}</c>: a map field's value</item>
/// <item><c>mf-{contract}-{key}</c>: the map's fields, a JSON array in insertion order</item>
/// <item><c>code-{contract}</c>, <c>abi-{contract}</c>, <c>owner-{contract}</c>: a deployed contract</item>
/// <item><c>tok-{token}</c>: a native token's definition (JSON); <c>bal-{token}-{account}</c>: a balance (decimal string)</item>
/// </list>
/// <c>blocks</c> keys are heights as 8 big-endian bytes, so blocks iterate in height order;
/// <c>receipts</c> keys are transaction hashes; <c>contracts</c> keys are
/// <c>{codeHash}-{engineVersion}</c>.
/// </summary>
public static class StateKeys
{
    public const string StateFamily = "state";
    public const string BlocksFamily = "blocks";
    public const string ReceiptsFamily = "receipts";
    public const string MetaFamily = "meta";
    public const string CodeCacheFamily = "contracts";
    /// <summary>
    /// A family only earlier layouts wrote to (transactions apart from their receipts); still opened,
    /// because RocksDB opens a directory only with every family it has, so that such a directory is
    /// refused with a reason instead of RocksDB's error.
    /// </summary>
    public const string TransactionsFamily = "transactions";

    public static readonly string[] Families = [StateFamily, BlocksFamily, ReceiptsFamily, MetaFamily, CodeCacheFamily, TransactionsFamily];

    public static string Value(string contract, string key) => $"v-{Name(contract)}-{key}";
    public static string MapField(string contract, string key, string field) => $"m-{Name(contract)}-{key}-{field}";
    public static string MapFields(string contract, string key) => $"mf-{Name(contract)}-{key}";
    public static string Code(string contract) => Of(contract).Code;
    public static string Abi(string contract) => Of(contract).Abi;
    public static string Owner(string contract) => Of(contract).Owner;

    /// <summary>A contract's three record keys, each made once: every transaction reads all three of the contract it calls.</summary>
    private sealed record ContractRecordKeys(string Code, string Abi, string Owner);

    // Bounded: emptied when full, so that a chain with very many contracts costs a key's making, not memory.
    private static readonly ConcurrentDictionary<string, ContractRecordKeys> RecordKeys = new(StringComparer.Ordinal);
    private const int RecordKeysKept = 4096;

    private static ContractRecordKeys Of(string contract)
    {
        if (RecordKeys.TryGetValue(contract, out var keys)) return keys;
        var name = Name(contract);
        keys = new ContractRecordKeys(CodePrefix + name, AbiPrefix + name, OwnerPrefix + name);
        if (RecordKeys.Count >= RecordKeysKept) RecordKeys.Clear();
        RecordKeys[contract] = keys;
        return keys;
    }

    private const string CodePrefix = "code-", AbiPrefix = "abi-", OwnerPrefix = "owner-";

    /// <summary>True for the keys of a deployed contract's record (<see cref="Code"/>, <see cref="Abi"/>, <see cref="Owner"/>).</summary>
    public static bool IsContractRecord(string key) =>
        key.StartsWith(CodePrefix, StringComparison.Ordinal) || key.StartsWith(AbiPrefix, StringComparison.Ordinal) || key.StartsWith(OwnerPrefix, StringComparison.Ordinal);

    public static string Token(string token) => $"tok-{Name(token)}";
    public static string Balance(string token, string account) => $"bal-{Name(token)}-{account}";

    /// <summary>The prefix of every storage value of a contract.</summary>
    public static string ValuePrefix(string contract) => $"v-{Name(contract)}-";

    public static byte[] BlockKey(long height)
    {
        var key = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(key, height);
        return key;
    }

    public static string CodeCache(string codeHash, string engineVersion) => $"{codeHash}-{engineVersion}";

    public const string MetaHeight = "height";
    public const string MetaRoot = "root";
    public const string MetaHead = "head";

    /// <summary>The layout a chain's blocks are stored in, written with every block (meta family).</summary>
    public const string MetaFormat = "format";

    /// <summary>
    /// "{height}:{time}": the latest time of any transaction committed (long.MaxValue when some were
    /// committed without a known time), as of the block at that height: what the <see cref="ReplayFilter"/>
    /// of a reopened store cannot know of. Trusted only at the head's height, since a version that does
    /// not keep it may have written blocks since.
    /// </summary>
    public const string MetaReplayWatermark = "replay-watermark";
    /// <summary>
    /// The layout this version writes: 3 keeps a record's transaction in IOST's encoding, which a
    /// version that reads only 2 would take for JSON, so it refuses a directory once a block of 3 is in it.
    /// </summary>
    public const string Format = "3";

    /// <summary>The layouts this version reads: 2 differs from 3 only in records that keep their transaction as JSON, which 3 reads too.</summary>
    public static readonly IReadOnlySet<string> ReadableFormats = new HashSet<string>(StringComparer.Ordinal) { "2", Format };

    /// <summary>The height of the block with this hash (meta family).</summary>
    public static string BlockOfHash(string blockHash) => $"bh-{blockHash}";

    /// <summary>Marks a committed transaction's content (its replay key) as run (meta family).</summary>
    public static string Replay(string replayKey) => $"rk-{replayKey}";

    /// <summary>A contract id or token name: non-empty, without the separator.</summary>
    private static string Name(string name) =>
        name.Length > 0 && !name.Contains('-') ? name : throw new ArgumentException($"'{name}' is not a valid contract or token name");
}
