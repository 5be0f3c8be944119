using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
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
    public Task PublishAsync(Transaction tx) => PublishAllAsync([tx]);

    /// <summary>Publishes transactions in order and waits for the broker's confirms of all of them (they travel together).</summary>
    public async Task PublishAllAsync(IReadOnlyList<Transaction> txs)
    {
        var confirms = new List<Task>(txs.Count);
        await _publishGate.WaitAsync();
        try
        {
            foreach (var tx in txs)
                confirms.Add(publishing.BasicPublishAsync("", ClusterTopology.Transactions, true, new BasicProperties { Persistent = true },
                    Encoding.UTF8.GetBytes(ChainJson.Serialize(tx))).AsTask());
        }
        finally
        {
            _publishGate.Release();
        }
        await Task.WhenAll(confirms);
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
        await consuming.BasicQosAsync(0, Prefetch, false, cancel);
        // Deliveries are taken into the mempool in batches, by one loop, in the queue's order.
        var arrived = Channel.CreateUnbounded<(ulong Tag, Transaction? Tx)>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            Transaction? tx = null;
            try
            {
                tx = ChainJson.Deserialize<Transaction>(Encoding.UTF8.GetString(delivery.Body.Span));
            }
            catch (Exception e)
            {
                log($"cluster: a queued transaction could not be read ({e.Message}); dropped");
            }
            arrived.Writer.TryWrite((delivery.DeliveryTag, tx));
            return Task.CompletedTask;
        };
        _ = Task.Run(() => AdmitAsync(arrived.Reader, waiting, Ack, consuming, gate, cancel), cancel);
        await consuming.BasicConsumeAsync(ClusterTopology.Transactions, false, "", false, false, null, consumer, cancel);
    }

    private const int Prefetch = 4000;
    private const int MaxBatch = 1000;

    /// <summary>Submits what arrived as batches; what the mempool cannot take now goes back to the queue.</summary>
    private async Task AdmitAsync(ChannelReader<(ulong Tag, Transaction? Tx)> arrived, ConcurrentDictionary<string, ConcurrentBag<ulong>> waiting,
        Func<ulong, Task> ack, IChannel consuming, SemaphoreSlim gate, CancellationToken cancel)
    {
        var batch = new List<(ulong Tag, Transaction Tx)>();
        try
        {
            while (await arrived.WaitToReadAsync(cancel))
            {
                while (batch.Count < MaxBatch && arrived.TryRead(out var item))
                {
                    if (item.Tx is null) await ack(item.Tag);
                    else batch.Add((item.Tag, item.Tx));
                }
                while (batch.Count > 0)
                {
                    foreach (var (tag, tx) in batch) waiting.GetOrAdd(tx.Hash, _ => []).Add(tag);
                    var admitted = await actors.Producer.Ask<BatchAdmitted>(new SubmitBatch(batch.Select(b => b.Tx).ToList()), actors.AskTimeout);
                    var taken = admitted.Accepted.Count;
                    if (admitted.Refused is not { } refused)
                    {
                        batch.Clear();
                        break;
                    }
                    var rest = batch.Skip(taken).ToList();
                    foreach (var (_, tx) in rest) waiting.TryRemove(tx.Hash, out var _);
                    if (refused.Kind is Rejection.Busy or Rejection.SenderLimit)
                    {
                        // Not now: back to the queue for later.
                        await Task.Delay(200, cancel);
                        await gate.WaitAsync(cancel);
                        try { foreach (var (tag, _) in rest) await consuming.BasicNackAsync(tag, false, true); } finally { gate.Release(); }
                        batch.Clear();
                        break;
                    }
                    // Pending already, or committed: another delivery or a block answers for it; the rest go on.
                    await ack(rest[0].Tag);
                    batch = rest.Skip(1).ToList();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended: the broker hands what was not acknowledged to the next producer.
        }
        catch (Exception e)
        {
            log($"cluster: taking queued transactions stopped: {e.Message}");
        }
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
                    try
                    {
                        await queue.PublishAllAsync(m.Transactions);
                    }
                    catch (Exception e)
                    {
                        // Which of them the broker holds is not known: none is reported admitted, and sending them again is safe.
                        sender?.Tell(new BatchAdmitted([], m.TxHashes.Count == 0 ? null : new TxRejected(m.TxHashes[0], $"the cluster could not take them now: {e.Message}")));
                        return;
                    }
                    sender?.Tell(new BatchAdmitted(m.TxHashes, null));
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
