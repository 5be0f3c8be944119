using System.Collections.Concurrent;
using System.Text;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using ActorVm.Host.Api;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorVm.Host.Cluster;

/// <summary>
/// Transactions through the cluster: any node puts what it admits on the durable transaction queue
/// and answers once the broker confirms; the producer takes them into its mempool and acknowledges
/// each once a committed block has answered it. A producer that dies leaves its unacknowledged
/// transactions to the next one, whose replay check absorbs any that were committed already.
/// </summary>
internal sealed class TransactionQueue(NodeActors actors, IChannel publishing, Action<string> log)
{
    private readonly SemaphoreSlim _publishGate = new(1, 1);

    /// <summary>Publishes one transaction and waits for the broker's confirm.</summary>
    public async Task PublishAsync(Transaction tx)
    {
        await _publishGate.WaitAsync();
        try
        {
            await publishing.BasicPublishAsync("", ClusterTopology.Transactions, true, new BasicProperties { Persistent = true },
                Encoding.UTF8.GetBytes(ChainJson.Serialize(tx)));
        }
        finally
        {
            _publishGate.Release();
        }
    }

    /// <summary>As the producer: takes the queue's transactions into the mempool and acknowledges them as blocks answer them.</summary>
    public async Task FeedAsync(IChannel consuming, CancellationToken cancel)
    {
        var waiting = new ConcurrentDictionary<string, ConcurrentBag<ulong>>(StringComparer.Ordinal);
        var gate = new SemaphoreSlim(1, 1);
        async Task Ack(ulong tag)
        {
            await gate.WaitAsync();
            try { await consuming.BasicAckAsync(tag, false); } finally { gate.Release(); }
        }
        var answered = new BlockWatcher(async published =>
        {
            foreach (var receipt in published.Receipts)
                if (waiting.TryRemove(receipt.TxHash, out var tags)) foreach (var tag in tags) await Ack(tag);
        });
        actors.System.EventStream.Subscribe(answered, typeof(BlockPublished));
        cancel.Register(() => actors.System.EventStream.Unsubscribe(answered));
        await consuming.BasicQosAsync(0, 2000, false, cancel);
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            Transaction tx;
            try
            {
                tx = ChainJson.Deserialize<Transaction>(Encoding.UTF8.GetString(delivery.Body.Span));
            }
            catch (Exception e)
            {
                log($"cluster: a queued transaction could not be read ({e.Message}); dropped");
                await Ack(delivery.DeliveryTag);
                return;
            }
            waiting.GetOrAdd(tx.Hash, _ => []).Add(delivery.DeliveryTag);
            var answer = await actors.Producer.Ask<object>(new SubmitTx(tx, Wait: false), actors.AskTimeout);
            if (answer is TxRejected { Kind: Rejection.Busy or Rejection.SenderLimit })
            {
                // Not now: back to the queue for later.
                waiting.TryRemove(tx.Hash, out var _);
                await Task.Delay(200, cancel);
                await gate.WaitAsync();
                try { await consuming.BasicNackAsync(delivery.DeliveryTag, false, true); } finally { gate.Release(); }
            }
            else if (answer is TxRejected)
            {
                // Pending already, or committed: another delivery or a block answers for it.
                if (waiting.TryRemove(tx.Hash, out var tags)) foreach (var tag in tags) await Ack(tag);
            }
        };
        await consuming.BasicConsumeAsync(ClusterTopology.Transactions, false, "", false, false, null, consumer, cancel);
    }

    /// <summary>Hands committed blocks to a callback, off the actor system's threads.</summary>
    private sealed class BlockWatcher(Func<BlockPublished, Task> onBlock) : IActorRef
    {
        private readonly SemaphoreSlim _order = new(1, 1);

        public string Path => "/cluster/blocks";

        public void Tell(object message, IActorRef? sender = null)
        {
            if (message is not BlockPublished published) return;
            _ = Task.Run(async () =>
            {
                await _order.WaitAsync();
                try { await onBlock(published); } finally { _order.Release(); }
            });
        }
    }

    /// <summary>
    /// What the HTTP APIs submit to on a cluster node: a transaction is answered once the broker holds
    /// it; one that waits for its receipt is answered when this node has committed its block.
    /// </summary>
    internal sealed class QueueSubmitter(Func<TransactionQueue?> current, NodeActors actors) : IActorRef
    {
        public string Path => "/cluster/submitter";

        public void Tell(object message, IActorRef? sender = null) => _ = Handle(message, sender);

        private async Task Handle(object message, IActorRef? sender)
        {
            var queue = current();
            if (queue is null)
            {
                if (message is SubmitTx t) sender?.Tell(new TxRejected(t.TxHash, "the node is joining the cluster again: send it later"));
                if (message is SubmitBatch b) sender?.Tell(new BatchAdmitted([], b.TxHashes.Count == 0 ? null : new TxRejected(b.TxHashes[0], "the node is joining the cluster again: send it later")));
                return;
            }
            switch (message)
            {
                case SubmitTx m:
                    try
                    {
                        await queue.PublishAsync(m.Transaction);
                    }
                    catch (Exception e)
                    {
                        sender?.Tell(new TxRejected(m.TxHash, $"the cluster could not take it now: {e.Message}"));
                        return;
                    }
                    sender?.Tell(m.Wait ? await Receipt(m.TxHash) : new TxAccepted(m.TxHash));
                    break;
                case SubmitBatch m:
                    var accepted = new List<string>();
                    for (var i = 0; i < m.Transactions.Count; i++)
                    {
                        try
                        {
                            await queue.PublishAsync(m.Transactions[i]);
                            accepted.Add(m.TxHashes[i]);
                        }
                        catch (Exception e)
                        {
                            sender?.Tell(new BatchAdmitted(accepted, new TxRejected(m.TxHashes[i], $"the cluster could not take it now: {e.Message}")));
                            return;
                        }
                    }
                    sender?.Tell(new BatchAdmitted(accepted, null));
                    break;
            }
        }

        /// <summary>The receipt once this node holds it (its block replicated here); polled, as it arrives by the block stream.</summary>
        private async Task<object> Receipt(string hash)
        {
            var deadline = DateTime.UtcNow + actors.AskTimeout;
            while (DateTime.UtcNow < deadline)
            {
                if ((await actors.StateDb.Ask<StoredValue>(new ReadReceipt(hash), actors.AskTimeout)).Value is { } json)
                    return ChainJson.Deserialize<Receipt>(json);
                await Task.Delay(50);
            }
            return new TxRejected(hash, "no receipt yet: it is queued in the cluster", Rejection.Busy);
        }
    }
}
