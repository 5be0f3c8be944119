using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Signing;

namespace ActorVm.Contracts.Accounts;

/// <summary>
/// IOST's checks of a transaction against the chain and the block it runs in: the chain id, its time
/// window, its signatures, and that its signers' and publisher's permissions are satisfied by them
/// (go-iost VerifySelf, the verifier's time checks and checkAuth). Deterministic: it reads only the
/// transaction, the block and the state.
/// </summary>
public static class TransactionAuthorization
{
    /// <summary>How far a transaction's time may run ahead of its block's (IOST's pool allows 30 s ahead of the clock).</summary>
    public static readonly long MaxTimeAheadNanos = (long)TimeSpan.FromSeconds(30).TotalNanoseconds;

    public const int MaxSignatures = 16;

    /// <summary>Null when the transaction may run in this block, else why not.</summary>
    /// <param name="gasCap">The chain's cap on a transaction's gas, where publishers pay for gas: the publisher must hold the gas limit under it.</param>
    public static string? Problem(Transaction tx, BlockContext block, IWorldState world, ChainRules rules, long gasCap = long.MaxValue)
    {
        if (Stateless(tx, rules) is { } problem) return problem;
        if (tx.Time > block.Time + MaxTimeAheadNanos) return $"transaction time {tx.Time} is ahead of its block's time {block.Time}: sync the clock";
        if (tx.Expiration <= block.Time || block.Time - tx.Time > ChainRules.MaxTxAgeNanos)
            return $"transaction expired: time {tx.Time}, expiration {tx.Expiration}, block time {block.Time}";
        var authority = TransactionContext.NewAuthority(tx, world, rules);
        for (var i = 0; i < tx.Signers.Count; i++)
        {
            var signer = tx.Signers[i];
            var parts = signer.Split('@');
            if (parts.Length != 2) return $"illegal signer: {signer} (a signer is id@permission)";
            if (!authority.Satisfied(parts[0], parts[1], AuthKind.Signer)) return $"unauthorized signer: {signer}";
        }
        if (!authority.Satisfied(tx.Publisher, "active", AuthKind.Publisher)) return $"unauthorized publisher: {tx.Publisher}";
        return GasPayment.Applies(rules, block) ? GasPayment.Shortfall(tx, world, block, gasCap) : null;
    }

    /// <summary>What needs no state or block: the chain id, the time fields, and that every signature verifies.</summary>
    public static string? Stateless(Transaction tx, ChainRules rules)
    {
        if (tx.ChainId != rules.ChainId) return $"invalid chain_id, should be {rules.ChainId}, yours: {tx.ChainId}";
        if (tx.Time <= 0 || tx.Expiration <= tx.Time) return "invalid time and expiration";
        if (tx.Delay != 0) return "invalid delay time: deferred transactions are not supported";
        if (tx.GasRatio is < 100 or > 10000) return "gas ratio illegal, should be in [1, 100]";
        // The hash encodes the limit times 100: larger limits would share an encoding.
        if (tx.GasLimit is <= 0 or > long.MaxValue / 100) return $"gas limit illegal: {tx.GasLimit}";
        if (tx.PublisherSigs.Count == 0) return "the transaction carries no publisher signature";
        // Each signature costs a verification before anything is charged: their number is bounded.
        if (tx.Signatures.Count > MaxSignatures || tx.PublisherSigs.Count > MaxSignatures)
            return $"a transaction carries at most {MaxSignatures} signatures and {MaxSignatures} publisher signatures";
        if (tx.Signers.Count > MaxSignatures) return $"a transaction names at most {MaxSignatures} signers";
        // One signature per key: a list an onlooker could pad with repeats is not this transaction's.
        if (RepeatedKey(tx.Signatures)) return "a key signs the transaction twice";
        if (RepeatedKey(tx.PublisherSigs)) return "a key signs as publisher twice";
        // In order, each limit's token then its value: the first problem met is the one reported.
        var limits = tx.AmountLimit;
        var seen = limits.Count > 8 ? new HashSet<string>(StringComparer.Ordinal) : null;
        for (var i = 0; i < limits.Count; i++)
        {
            var limit = limits[i];
            if (seen is not null ? !seen.Add(limit.Token) : NamedBefore(limits, i)) return $"duplicated token in amountLimit: {limit.Token}";
            if (AmountLimits.Parse(limit.Value) is null) return $"amountLimit of {limit.Token} is '{limit.Value}': a decimal amount or \"unlimited\"";
        }
        return tx.Signing.Problem;
    }

    // Pairwise over at most MaxSignatures: every transaction in a lane is checked, and this allocates nothing.
    private static bool RepeatedKey(IReadOnlyList<Signature> signatures)
    {
        for (var i = 1; i < signatures.Count; i++)
            for (var j = 0; j < i; j++)
                if (signatures[i].KeyId == signatures[j].KeyId) return true;
        return false;
    }

    /// <summary>Whether the token of limit <paramref name="index"/> is named by one before it (pairwise: for the usual handful).</summary>
    private static bool NamedBefore(IReadOnlyList<AmountLimit> limits, int index)
    {
        for (var j = 0; j < index; j++)
            if (limits[j].Token == limits[index].Token) return true;
        return false;
    }
}
