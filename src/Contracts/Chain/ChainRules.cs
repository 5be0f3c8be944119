using System.Collections.Concurrent;
using ActorVm.Contracts.Accounts;

namespace ActorVm.Contracts.Chain;

/// <summary>
/// What every node of one chain applies alike, beside the code: the chain id transactions must name
/// and, on a development chain only, the dev key that governs every account name no account holds yet
/// (so that a local node can sign for any name; a production chain has none), and the accounts its
/// configuration declares.
/// </summary>
public sealed record ChainRules(uint ChainId, string? DevKey)
{
    /// <summary>How old a transaction's time may be when its block runs (IOST's MaxExpiration).</summary>
    public static readonly long MaxTxAgeNanos = (long)TimeSpan.FromSeconds(90).TotalNanoseconds;

    public static readonly ChainRules Production = new(Transaction.DefaultChainId, null);

    public bool IsDevelopment => DevKey is not null;

    /// <summary>
    /// Whether publishers pay for their transactions' gas from gas.iost's ledger, as on IOST: true on a
    /// chain started from a genesis block, which gives its accounts gas.
    /// </summary>
    public bool ChargesGas { get; init; }

    /// <summary>Accounts the chain's configuration declares (id to key) until a stored account takes the name.</summary>
    public IReadOnlyDictionary<string, string> GenesisKeys { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The account a name has when no stored account holds it: one the configuration declares; else,
    /// on a development chain, one the dev key governs; else none.
    /// </summary>
    public Account? ImpliedAccount(string id)
    {
        if (GenesisKeys.TryGetValue(id, out var key)) return GovernedBy(id, key);
        return DevKey is { } devKey && AccountId.IsValid(id) ? GovernedBy(id, devKey) : null;
    }

    // Every implied account of one key has the same permissions: built once per key, not per check
    // (two checks a transaction on a dev chain). Only the configuration's keys are ever cached.
    private static readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, Permission>> ImpliedPermissions = new(StringComparer.Ordinal);
    private static readonly IReadOnlyDictionary<string, PermissionGroup> NoGroups = new Dictionary<string, PermissionGroup>();

    private static Account GovernedBy(string id, string key) =>
        new(id, "", ImpliedPermissions.GetOrAdd(key, k => Account.WithKeys("", "", k, k).Permissions), NoGroups);
}
