using ActorVm.Contracts.Accounts;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Api;

namespace ActorVm.Host.Signing;

/// <summary>
/// What the node checks of a transaction before it enters the mempool, on the caller's thread: in dev
/// mode an unsigned /v1 submission is signed with the dev key (as a dev chain's unlocked accounts);
/// in production mode it is refused. Then IOST's checks that need no state: chain id, time window
/// against this node's clock, and every signature.
/// </summary>
public sealed class TransactionAdmission(NodeKeys keys)
{
    private static readonly long MaxAheadNanos = (long)TimeSpan.FromSeconds(30).TotalNanoseconds;

    public NodeKeys Keys => keys;

    /// <summary>The transaction as it will be submitted, or an <see cref="ApiException"/> saying why not.</summary>
    public Transaction Admit(Transaction tx)
    {
        if (tx.PublisherSigs.Count == 0)
        {
            if (keys.Signer is not { } signer)
                throw new ApiException(401, "unsigned transaction",
                    "this node runs in production mode: a transaction must carry publisher_sigs (sign it with the publisher's active key, e.g. actorvm tx sign)");
            if (tx.Signers.Count > 0 && tx.Signatures.Count == 0) tx = tx.SignedBy(signer);
            tx = tx.SignedAsPublisher(signer);
        }
        Check(tx);
        return tx;
    }

    /// <summary>Refuses (400) a transaction that can never be accepted now, naming what is wrong.</summary>
    public void Check(Transaction tx)
    {
        if (TransactionAuthorization.Stateless(tx, keys.Rules) is { } problem) throw ApiException.BadRequest(problem);
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        if (tx.Time > now + MaxAheadNanos) throw ApiException.BadRequest($"tx.time is too large (tx.time: {tx.Time}, now: {now}): sync the clock");
        if (tx.Expiration <= now || now - tx.Time > ChainRules.MaxTxAgeNanos)
            throw ApiException.BadRequest($"transaction expired (tx.time: {tx.Time}, expiration: {tx.Expiration}, now: {now})");
    }
}
