using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Contracts.Signing;

namespace ActorVm.Actors.Tests.Chain;

/// <summary>
/// A development chain for tests: its dev key governs every account name no account holds yet, and
/// transactions are signed with it as a dev node signs unsigned submissions.
/// </summary>
internal static class TestChain
{
    public static readonly KeyPair DevKey = KeyPair.FromSecret(KeyAlgorithm.Ed25519, Enumerable.Repeat((byte)7, 32).ToArray());

    public static readonly ChainRules Rules = new(Transaction.DefaultChainId, DevKey.PublicKeyBase58);

    private static long _clock;

    public static readonly IReadOnlyList<AmountLimit> Unlimited = [new AmountLimit("*", "unlimited")];

    public static ExecutionLimits Limits(ExecutionLimits limits) => limits with { Chain = Rules };

    /// <summary>Unix nanoseconds now, strictly increasing, so that equal transactions never share a hash.</summary>
    public static long Now()
    {
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        while (true)
        {
            var last = Interlocked.Read(ref _clock);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _clock, next, last) == last) return next;
        }
    }

    public static Transaction Tx(string publisher, string contract, string action, string data, long gasLimit)
    {
        var time = Now();
        return Signed(new Transaction(time, time + ChainRules.MaxTxAgeNanos, gasLimit, publisher, [], [new TxAction(contract, action, data)])
            { AmountLimit = Unlimited });
    }

    public static Transaction Signed(Transaction tx) => (tx.Signers.Count > 0 ? tx.SignedBy(DevKey) : tx).SignedAsPublisher(DevKey);
}
