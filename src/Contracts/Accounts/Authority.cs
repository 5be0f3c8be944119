using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Accounts;

/// <summary>Which check asks: a contract (requireAuth), a signer of the transaction, or its publisher.</summary>
public enum AuthKind
{
    Contract,
    Signer,
    Publisher,
}

/// <summary>
/// IOST's rules for whether <c>id@permission</c> is satisfied (go-iost vm/host/authority.go): the
/// permission's items, its groups' items, weights summed until the threshold. A key counts when it
/// signed: the base or publish hash for a signer, the publish hash for the publisher, never directly
/// for a contract, which sees the signers' permissions instead. Another account's permission counts
/// when it is satisfied in turn. A missing custom permission falls back to active, a failing active
/// to owner, so owner satisfies everything. Each id@permission is visited once per check.
/// </summary>
/// <param name="world">Where the accounts are read (<see cref="AccountStore"/>).</param>
public sealed class Authority(
    IWorldState world,
    IReadOnlyDictionary<string, int> keyLevels,
    SignedPermissions signedPermissions,
    ChainRules rules)
{
    /// <summary>Most account reads one check may make; past it an account counts as missing (the same on every node).</summary>
    public const int MaxAccountReads = 32;

    public const int SignerLevel = TxSigning.SignerLevel;
    public const int PublisherLevel = TxSigning.PublisherLevel;

    private int _reads;

    // Visited id@permission pairs, searched in order: a check visits a handful (its reads are bounded),
    // and a set with a joined name for each cost more than the whole check of a plain transfer. The
    // first two are kept in fields (a plain check visits one or two), the rest in a list made when
    // needed; emptied by each check: checks of one authority run one after another.
    private (string Id, string Permission) _first, _second;
    private List<(string Id, string Permission)>? _more;
    private int _visited;

    /// <summary>Accounts read by the last check, for its gas.</summary>
    public int LastReads { get; private set; }

    public bool Satisfied(string id, string permission, AuthKind kind)
    {
        _reads = 0;
        _visited = 0;
        _more?.Clear();
        var result = Check(id, permission, kind);
        LastReads = _reads;
        return result;
    }

    private bool Visit(string id, string permission)
    {
        for (var i = 0; i < _visited; i++)
        {
            var (seenId, seenPermission) = i switch { 0 => _first, 1 => _second, _ => _more![i - 2] };
            if (string.Equals(seenId, id, StringComparison.Ordinal) && string.Equals(seenPermission, permission, StringComparison.Ordinal)) return false;
        }
        switch (_visited++)
        {
            case 0: _first = (id, permission); break;
            case 1: _second = (id, permission); break;
            default: (_more ??= []).Add((id, permission)); break;
        }
        return true;
    }

    private bool Check(string id, string permission, AuthKind kind)
    {
        if (!Visit(id, permission)) return false;
        if (kind == AuthKind.Contract && signedPermissions.Contains(id, permission)) return true;
        if (Read(id) is not { } account) return false;
        if (!account.Permissions.TryGetValue(permission, out var p) || p is null)
            return permission is not ("owner" or "active") && Check(id, "active", kind);
        // The permission's own items, then its groups' items, in order, until the threshold.
        long weight = 0;
        if (p.Items is { } items && Weigh(items, kind, p.Threshold, ref weight)) return true;
        if (p.Groups is { } groups)
        {
            for (var i = 0; i < groups.Count; i++)
            {
                if (groups[i] is not { } group || !account.Groups.TryGetValue(group, out var g) || g?.Items is null) continue;
                if (Weigh(g.Items, kind, p.Threshold, ref weight)) return true;
            }
        }
        if (weight >= p.Threshold) return true;
        return permission switch
        {
            "active" => Check(id, "owner", kind),
            "owner" => false,
            _ => Check(id, "active", kind),
        };
    }

    /// <summary>Adds the weights of the satisfied items; true once the threshold is reached.</summary>
    private bool Weigh(IReadOnlyList<PermissionItem> items, AuthKind kind, long threshold, ref long weight)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } item) continue;
            if (item.IsKeyPair ? KeySigned(item.Id, kind) : Check(item.Id, item.Permission ?? "active", kind)) weight += item.Weight;
            if (weight >= threshold) return true;
        }
        return false;
    }

    private bool KeySigned(string key, AuthKind kind) => kind switch
    {
        AuthKind.Signer => keyLevels.GetValueOrDefault(key) >= SignerLevel,
        AuthKind.Publisher => keyLevels.GetValueOrDefault(key) >= PublisherLevel,
        _ => false,
    };

    /// <summary>
    /// The stored account; else one the chain's configuration declares; else, on a development chain,
    /// one governed by the chain's dev key.
    /// </summary>
    private Account? Read(string id)
    {
        if (++_reads > MaxAccountReads) return null;
        return AccountStore.Read(world, id) ?? rules.ImpliedAccount(id);
    }
}
