using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Contracts.Chain;

namespace ActorVm.Host.Api;

/// <summary>Hands transactions to the block producer and turns its answers into HTTP refusals where needed.</summary>
internal static class Submission
{
    /// <summary>The receipt once the transaction's block is committed; null when that took longer than the wait.</summary>
    public static async Task<Receipt?> SubmitAndWait(NodeActors actors, Transaction tx)
    {
        object answer;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            answer = await actors.Submitter.Ask<object>(new SubmitTx(tx, Wait: true), actors.AskTimeout);
            if (answer is Receipt) actors.Latencies.SubmitToReceipt.Observe(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        }
        catch (AskTimeoutException)
        {
            return null;
        }
        return answer switch
        {
            Receipt receipt => receipt,
            TxRejected rejected => throw Unavailable(rejected),
            var other => throw new InvalidOperationException($"unexpected answer {other.GetType().Name}"),
        };
    }

    /// <summary>Refuses (403) a transaction the last committed block would not authorise, with the reason.</summary>
    public static async Task Authorize(NodeActors actors, Transaction tx)
    {
        var checkedTx = await actors.VmManager.Ask<AuthorizationChecked>(new CheckAuthorization(tx), actors.AskTimeout);
        if (checkedTx.Problem is { } problem) throw new ApiException(403, "unauthorized", problem);
    }

    /// <summary>The hash, once the transaction is in the mempool.</summary>
    public static async Task<string> Submit(NodeActors actors, Transaction tx) =>
        await actors.Submitter.Ask<object>(new SubmitTx(tx, Wait: false), actors.AskTimeout) switch
        {
            TxAccepted accepted => accepted.TxHash,
            TxRejected rejected => throw Unavailable(rejected),
            var other => throw new InvalidOperationException($"unexpected answer {other.GetType().Name}"),
        };

    /// <summary>The hashes of the transactions admitted in one message, in order, and the refusal of the next one (null when all were).</summary>
    public static async Task<(IReadOnlyList<string> Accepted, ApiException? Refused)> SubmitAll(NodeActors actors, IReadOnlyList<Transaction> txs)
    {
        var admitted = await actors.Submitter.Ask<BatchAdmitted>(new SubmitBatch(txs), actors.AskTimeout);
        return (admitted.Accepted, admitted.Refused is { } refused ? Unavailable(refused) : null);
    }

    private static ApiException Unavailable(TxRejected rejected) => rejected.Kind switch
    {
        Rejection.Duplicate => new(409, "duplicate transaction", rejected.Reason),
        Rejection.NotExecutable => new(422, "not executed", rejected.Reason),
        Rejection.SenderLimit => new(429, "too many pending transactions from this sender", rejected.Reason),
        _ => new(503, "rejected", rejected.Reason),
    };
}
