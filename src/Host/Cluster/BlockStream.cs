using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Host.Api;
using ActorVm.Storage.State;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorVm.Host.Cluster;

/// <summary>
/// The cluster's chain, carried by the block stream. The producer appends each block before writing
/// it (so a block on any disk is one every replica can get); every node reads the stream from the
/// start and validates and commits, through its own producer's validation (as POST /v1/blocks does),
/// each block that extends its chain. A marker a node appends tells it when it has read everything
/// before: how a new producer knows it holds the whole chain.
/// </summary>
internal sealed class BlockStream(StateDb db, NodeActors actors, IChannel publishing, IChannel reading, Action<string> log)
{
    // Blocks this node appended (its own come back on the stream) and blocks it took from the stream (not appended again).
    private readonly ConcurrentDictionary<string, bool> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _markers = new(StringComparer.Ordinal);
    private readonly object _publishGate = new();

    /// <summary>A worker's result for a block, to validate with instead of executing it here (cluster:remoteValidation); null: execute here.</summary>
    public Func<ValidateBlock, Task<ExecutedBlock?>>? RemoteResult { get; set; }

    /// <summary>Blocks validated with a worker's result.</summary>
    public long RemotelyValidated => Interlocked.Read(ref _remotelyValidated);

    private long _remotelyValidated;

    /// <summary>Appends the blocks this node writes, before it writes them; blocks read from the stream are not appended again.</summary>
    public void Attach() => db.BeforeWrite = Append;

    private void Append(SealedBlock block)
    {
        if (_received.TryRemove(block.Block.Hash, out _)) return;
        var json = FullBlockJson.Write(block.Block,
            block.Receipts.Select(r => r.Transaction() is { } kept ? KeptTransactions.Json(kept) : throw new InvalidOperationException($"block {block.Block.Height}: transaction {r.TxHash} has no stored form")),
            block.Receipts.Select(r => r.ReceiptText()));
        _published[block.Block.Hash] = true;
        // The writer waits for the broker's confirm: a block is written only once the cluster holds it.
        lock (_publishGate)
            publishing.BasicPublishAsync("", ClusterTopology.Blocks, true, new BasicProperties { Persistent = true }, Encoding.UTF8.GetBytes(json))
                .AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Reads the stream from its first block, applying each block that extends this node's chain.</summary>
    public async Task StartAsync(CancellationToken cancel)
    {
        await reading.BasicQosAsync(0, 64, false, cancel);
        var consumer = new AsyncEventingBasicConsumer(reading);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            var body = delivery.Body.ToArray();
            try
            {
                await OnMessage(body);
            }
            catch (Exception e)
            {
                log($"cluster: a block from the stream could not be applied: {e.Message}");
            }
            await reading.BasicAckAsync(delivery.DeliveryTag, false);
        };
        await reading.BasicConsumeAsync(ClusterTopology.Blocks, false, "", false, false,
            new Dictionary<string, object?> { ["x-stream-offset"] = "first" }, consumer, cancel);
    }

    /// <summary>Appends a marker and waits until the stream has been read up to it: every block appended before is then applied here.</summary>
    public async Task CatchUpAsync(string nodeId, CancellationToken cancel)
    {
        var marker = $"{nodeId}/{Guid.NewGuid():N}";
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _markers[marker] = reached;
        lock (_publishGate)
            publishing.BasicPublishAsync("", ClusterTopology.Blocks, true, new BasicProperties { Persistent = true },
                JsonSerializer.SerializeToUtf8Bytes(new { marker }), cancel).AsTask().GetAwaiter().GetResult();
        await reached.Task.WaitAsync(cancel);
    }

    /// <summary>Validates and commits a block, with a worker's result when one answers; one that does not hold is executed here instead.</summary>
    private async Task<object> Apply(ValidateBlock block)
    {
        if (RemoteResult is { } remote && await remote(block) is { } executed)
        {
            var answer = await actors.Producer.Ask<object>(block with { ExecutedElsewhere = executed }, TimeSpan.FromMinutes(2));
            if (answer is not BlockRefused refused)
            {
                Interlocked.Increment(ref _remotelyValidated);
                return answer;
            }
            log($"cluster: a worker's result for block {block.Height} did not hold ({refused.Reason}); executing it here");
        }
        return await actors.Producer.Ask<object>(block, TimeSpan.FromMinutes(2));
    }

    private async Task OnMessage(byte[] body)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        if (root.TryGetProperty("marker", out var marker))
        {
            if (_markers.TryRemove(marker.GetString() ?? "", out var reached)) reached.TrySetResult();
            return;
        }
        var block = FullBlockJson.Parse(root);
        if (_published.TryRemove(block.Hash, out _)) return;
        var height = db.Height;
        if (block.Height <= height)
        {
            if (db.GetBlock(block.Height) is { } mine && mine.Hash != block.Hash)
                log($"cluster: the stream's block {block.Height} ({block.Hash}) differs from this node's ({mine.Hash}); this node keeps its own");
            return;
        }
        if (block.Height != height + 1)
        {
            log($"cluster: block {block.Height} does not follow this node's height {height}; skipped");
            return;
        }
        if (BlockSignature.Problem(block, actors.Admission.Keys.Producers.Contains) is { } unsigned)
        {
            log($"cluster: block {block.Height} refused: {unsigned}");
            return;
        }
        _received[block.Hash] = true;
        var answer = await Apply(block);
        switch (answer)
        {
            case BlockRefused refused:
                _received.TryRemove(block.Hash, out _);
                log($"cluster: block {block.Height} refused: {refused.Reason}");
                break;
        }
    }
}
