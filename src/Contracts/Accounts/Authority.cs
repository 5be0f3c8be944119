using ActorVm.Contracts.Chain;

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
public sealed class Authority(
    Func<string, Account?> readAccount,
    IReadOnlyDictionary<string, int> keyLevels,
    IReadOnlySet<string> signedPermissions,
    ChainRules rules)
{
    /// <summary>Most account reads one check may make; past it an account counts as missing (the same on every node).</summary>
    public const int MaxAccountReads = 32;

    public const int SignerLevel = TxSigning.SignerLevel;
    public const int PublisherLevel = TxSigning.PublisherLevel;

    private int _reads;

    /// <summary>Accounts read by the last check, for its gas.</summary>
    public int LastReads { get; private set; }

    public bool Satisfied(string id, string permission, AuthKind kind)
    {
        _reads = 0;
        var result = Check(id, permission, kind, new List<(string, string)>(4));
        LastReads = _reads;
        return result;
    }

    // Visited id@permission pairs, searched in order: a check visits a handful (its reads are bounded),
    // and a set with a joined name for each cost more than the whole check of a plain transfer.
    private static bool Visit(List<(string Id, string Permission)> visited, string id, string permission)
    {
        foreach (var (seenId, seenPermission) in visited)
            if (string.Equals(seenId, id, StringComparison.Ordinal) && string.Equals(seenPermission, permission, StringComparison.Ordinal)) return false;
        visited.Add((id, permission));
        return true;
    }

    private bool Check(string id, string permission, AuthKind kind, List<(string, string)> visited)
    {
        if (!Visit(visited, id, permission)) return false;
        if (kind == AuthKind.Contract && signedPermissions.Contains(id + "@" + permission)) return true;
        if (Read(id) is not { } account) return false;
        if (!account.Permissions.TryGetValue(permission, out var p) || p is null)
            return permission is not ("owner" or "active") && Check(id, "active", kind, visited);
        long weight = 0;
        foreach (var item in Items(account, p))
        {
            if (item is null) continue;
            if (item.IsKeyPair ? KeySigned(item.Id, kind) : Check(item.Id, item.Permission ?? "active", kind, visited)) weight += item.Weight;
            if (weight >= p.Threshold) return true;
        }
        if (weight >= p.Threshold) return true;
        return permission switch
        {
            "active" => Check(id, "owner", kind, visited),
            "owner" => false,
            _ => Check(id, "active", kind, visited),
        };
    }

    private bool KeySigned(string key, AuthKind kind) => kind switch
    {
        AuthKind.Signer => keyLevels.GetValueOrDefault(key) >= SignerLevel,
        AuthKind.Publisher => keyLevels.GetValueOrDefault(key) >= PublisherLevel,
        _ => false,
    };

    private static IEnumerable<PermissionItem> Items(Account account, Permission p)
    {
        foreach (var item in p.Items ?? []) yield return item;
        foreach (var group in p.Groups ?? [])
        {
            if (group is null || !account.Groups.TryGetValue(group, out var g) || g?.Items is null) continue;
            foreach (var item in g.Items) yield return item;
        }
    }

    /// <summary>
    /// The stored account; else one the chain's configuration declares; else, on a development chain,
    /// one governed by the chain's dev key.
    /// </summary>
    private Account? Read(string id)
    {
        if (++_reads > MaxAccountReads) return null;
        return readAccount(id) ?? rules.ImpliedAccount(id);
    }
}
