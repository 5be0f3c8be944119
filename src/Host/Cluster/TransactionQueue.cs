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
/// Transactions through the cluster: any node puts what it admits on the durable transaction queue,
/// as messages of up to <see cref="PerMessage"/> transactions (a batch travels together: the quorum
/// queue's cost is per message), and answers once the broker confirms; the producer takes them into
/// its mempool and acknowledges a message once committed blocks have answered every transaction in
/// it. A producer that dies leaves its unacknowledged messages to the next one, whose replay check
/// absorbs any transaction that was committed already.
/// </summary>
internal sealed class TransactionQueue(NodeActors actors, IChannel publishing, Action<string> log)
{
    private readonly SemaphoreSlim _publishGate = new(1, 1);

    /// <summary>Publishes one transaction and waits for the broker's confirm.</summary>
    public Task PublishAsync(Transaction tx) => PublishAllAsync([tx]);

    /// <summary>Most transactions one message carries.</summary>
    public const int PerMessage = 500;

    /// <summary>Publishes transactions in order and waits for the broker's confirms of all of them (they travel together).</summary>
    public async Task PublishAllAsync(IReadOnlyList<Transaction> txs)
    {
        var confirms = new List<Task>(txs.Count / PerMessage + 1);
        await _publishGate.WaitAsync();
        try
        {
            foreach (var chunk in txs.Chunk(PerMessage))
                confirms.Add(publishing.BasicPublishAsync("", ClusterTopology.Transactions, true, new BasicProperties { Persistent = true },
                    Encoding.UTF8.GetBytes("[" + string.Join(',', chunk.Select(ChainJson.Serialize)) + "]")).AsTask());
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
        var gate = new SemaphoreSlim(1, 1);
        async Task Ack(ulong tag)
        {
            await gate.WaitAsync();
            try { await consuming.BasicAckAsync(tag, false); } finally { gate.Release(); }
        }
        var waiting = new UnansweredTransactions(Ack);
        var answered = new BlockWatcher(async published =>
        {
            foreach (var receipt in published.Receipts) await waiting.AnsweredAsync(receipt.TxHash);
        });
        actors.System.EventStream.Subscribe(answered, typeof(BlockPublished));
        cancel.Register(() => actors.System.EventStream.Unsubscribe(answered));
        await consuming.BasicQosAsync(0, Prefetch, false, cancel);
        // Deliveries are taken into the mempool in batches, by one loop, in the queue's order.
        var arrived = Channel.CreateUnbounded<(ulong Tag, IReadOnlyList<Transaction> Txs)>(new UnboundedChannelOptions { SingleReader = true });
        var consumer = new AsyncEventingBasicConsumer(consuming);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            IReadOnlyList<Transaction> txs = [];
            try
            {
                var json = Encoding.UTF8.GetString(delivery.Body.Span);
                // A message holds an array of transactions (one transaction alone, as earlier versions sent it, is read too).
                txs = json.TrimStart().StartsWith('[') ? ChainJson.Deserialize<List<Transaction>>(json) : [ChainJson.Deserialize<Transaction>(json)];
            }
            catch (Exception e)
            {
                log($"cluster: a queued message could not be read ({e.Message}); dropped");
            }
            arrived.Writer.TryWrite((delivery.DeliveryTag, txs));
            return Task.CompletedTask;
        };
        _ = Task.Run(() => AdmitAsync(arrived.Reader, waiting, Ack, cancel), cancel);
        await consuming.BasicConsumeAsync(ClusterTopology.Transactions, false, "", false, false, null, consumer, cancel);
    }

    /// <summary>Messages in hand at once (each up to <see cref="PerMessage"/> transactions).</summary>
    private const int Prefetch = 16;
    private const int MaxBatch = 1000;

    /// <summary>
    /// Submits what arrived as batches. What the mempool cannot take now is offered again a little
    /// later (its message stays unacknowledged meanwhile); a transaction pending or committed already
    /// is answered by another delivery or a block, and counts as answered for its message.
    /// </summary>
    private async Task AdmitAsync(ChannelReader<(ulong Tag, IReadOnlyList<Transaction> Txs)> arrived, UnansweredTransactions waiting,
        Func<ulong, Task> ack, CancellationToken cancel)
    {
        var batch = new List<(ulong Tag, Transaction Tx)>();
        try
        {
            while (await arrived.WaitToReadAsync(cancel))
            {
                while (batch.Count < MaxBatch && arrived.TryRead(out var item))
                {
                    if (item.Txs.Count == 0)
                    {
                        await ack(item.Tag);
                        continue;
                    }
                    waiting.Expect(item.Tag, item.Txs);
                    batch.AddRange(item.Txs.Select(tx => (item.Tag, tx)));
                }
                while (batch.Count > 0)
                {
                    var admitted = await actors.Producer.Ask<BatchAdmitted>(new SubmitBatch(batch.Select(b => b.Tx).ToList()), actors.AskTimeout);
                    if (admitted.Refused is not { } refused)
                    {
                        batch.Clear();
                        break;
                    }
                    var rest = batch.Skip(admitted.Accepted.Count).ToList();
                    if (refused.Kind is Rejection.Busy or Rejection.SenderLimit)
                    {
                        // Not now: offered again once the mempool has room.
                        await Task.Delay(200, cancel);
                        batch = rest;
                        continue;
                    }
                    await waiting.AnsweredOnceAsync(rest[0].Tag, rest[0].Tx.Hash);
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
