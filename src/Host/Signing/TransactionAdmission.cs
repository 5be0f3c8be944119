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
            if (keys.Signer is not { } signer) throw Unsigned();
            if (tx.Signers.Count > 0 && tx.Signatures.Count == 0) tx = tx.SignedBy(signer);
            tx = tx.SignedAsPublisher(signer);
        }
        Check(tx);
        return tx;
    }

    /// <summary>
    /// Each transaction as it will be submitted, or why not (as <see cref="Admit"/> answers one): the
    /// unsigned ones are signed together, for less time each.
    /// </summary>
    public (Transaction? Admitted, ApiException? Refused)[] AdmitAll(IReadOnlyList<Transaction> txs)
    {
        var results = new (Transaction? Admitted, ApiException? Refused)[txs.Count];
        var ready = new Transaction[txs.Count];
        var unsigned = new List<int>();
        for (var i = 0; i < txs.Count; i++)
        {
            var tx = txs[i];
            if (tx.PublisherSigs.Count == 0)
            {
                if (keys.Signer is not { } signer)
                {
                    results[i] = (null, Unsigned());
                    continue;
                }
                if (tx.Signers.Count > 0 && tx.Signatures.Count == 0) tx = tx.SignedBy(signer);
                unsigned.Add(i);
            }
            ready[i] = tx;
        }
        if (unsigned.Count > 0)
        {
            var signed = Transaction.SignedAsPublisher(unsigned.Select(i => ready[i]).ToList(), keys.Signer!);
            for (var j = 0; j < unsigned.Count; j++) ready[unsigned[j]] = signed[j];
        }
        for (var i = 0; i < txs.Count; i++)
        {
            if (results[i].Refused is not null) continue;
            try
            {
                Check(ready[i]);
                results[i] = (ready[i], null);
            }
            catch (ApiException refused)
            {
                results[i] = (null, refused);
            }
        }
        return results;
    }

    private static ApiException Unsigned() => new(401, "unsigned transaction",
        "this node runs in production mode: a transaction must carry publisher_sigs (sign it with the publisher's active key, e.g. actorvm tx sign)");

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
