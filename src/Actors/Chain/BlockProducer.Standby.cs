using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.Chain;

/// <summary>
/// A standby producer (a cluster replica, see <see cref="ProducerSettings.Standby"/>) starts producing;
/// answered with <see cref="Promoted"/>. Its chain must already hold every block produced before.
/// </summary>
public sealed record Promote;

public sealed record Promoted(long Height);

/// <summary>A producer that lost the cluster's lease stands by again; its mempool is emptied (the cluster's queue still holds what it held).</summary>
public sealed record Demote;

public sealed record Demoted;

/// <summary>The producer as a cluster replica: standing by until it holds the cluster's lease, and standing down when it loses it.</summary>
public sealed partial class BlockProducer
{
    /// <summary>Standing by (a cluster replica): blocks from elsewhere are validated and committed; nothing is produced until promoted.</summary>
    private void Standing()
    {
        Receive<SubmitTx>(m => Sender.Tell(new TxRejected(m.TxHash, "this node is not the cluster's producer")));
        Receive<SubmitBatch>(m => Sender.Tell(new BatchAdmitted([], m.TxHashes.Count == 0 ? null : new TxRejected(m.TxHashes[0], "this node is not the cluster's producer"))));
        Receive<Promote>(_ =>
        {
            Log.Info($"promoted to producer at height {_height}");
            _standby = false;
            _storageProblem = null;
            Become(Producing);
            Sender.Tell(new Promoted(_height));
        });
        Common();
    }

    private void OnDemote(Demote _)
    {
        _standby = true;
        foreach (var pending in _mempool.Clear()) pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, "this node stopped producing"));
        if (!_draining) Become(Standing);
        Sender.Tell(new Demoted());
    }
}
