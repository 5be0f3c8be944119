using ActorVm.Host.Api;
using ActorVm.Storage.State;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

namespace ActorVm.Host.Cluster;

/// <summary>
/// One connection to the broker and what runs on it: the block stream, the transaction queue, the
/// heartbeats and the bid for the lease. When the connection ends, the whole session ends with it
/// and the member opens a new one.
/// </summary>
internal sealed class ClusterSession : IAsyncDisposable
{
    private readonly IConnection _connection;
    private readonly CancellationTokenSource _stop = new();

    private ClusterSession(IConnection connection, BlockStream blocks, TransactionQueue transactions, Membership members, QueryWork queries)
    {
        _connection = connection;
        Blocks = blocks;
        Transactions = transactions;
        Members = members;
        Queries = queries;
    }

    public QueryWork Queries { get; }

    public required ValidationWork Validations { get; init; }

    public BlockStream Blocks { get; }
    public TransactionQueue Transactions { get; }
    public Membership Members { get; }
    public CancellationToken Ended => _stop.Token;

    public static async Task<ClusterSession> OpenAsync(IReadOnlyList<string> uris, string? tlsCaFile, string nodeId, StateDb db, NodeActors actors,
        Action<string> log, Func<Task> lost)
    {
        var connection = await ClusterTopology.ConnectAsync(uris, nodeId, tlsCaFile);
        try
        {
            var blocks = new BlockStream(db, actors, await ClusterTopology.ConfirmingChannelAsync(connection), await connection.CreateChannelAsync(), log);
            var transactions = new TransactionQueue(actors, await ClusterTopology.ConfirmingChannelAsync(connection), log);
            var session = new ClusterSession(connection, blocks, transactions, new Membership(await connection.CreateChannelAsync()), new QueryWork(actors, log, () => db.Height))
            {
                Validations = new ValidationWork(log),
            };
            connection.ConnectionShutdownAsync += async (_, _) =>
            {
                if (session._stop.IsCancellationRequested) return;
                await session._stop.CancelAsync();
                _ = Task.Run(lost);
            };
            blocks.Attach();
            await blocks.StartAsync(session.Ended);
            await session.Members.StartAsync(session.Ended);
            await session.Queries.OpenAsync(await connection.CreateChannelAsync(), session.Ended);
            await session.Validations.OpenAsync(await connection.CreateChannelAsync(), session.Ended);
            return session;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Bids for the lease: the token arrives when this node is the queue's single active consumer.</summary>
    public async Task BidAsync(string nodeId, Func<Task> onLease)
    {
        var lease = await _connection.CreateChannelAsync();
        await lease.BasicQosAsync(0, 1, false);
        var consumer = new AsyncEventingBasicConsumer(lease);
        // The token is never acknowledged: holding it is holding the lease, until the connection ends.
        consumer.ReceivedAsync += (_, _) =>
        {
            _ = Task.Run(onLease);
            return Task.CompletedTask;
        };
        await lease.BasicConsumeAsync(ClusterTopology.Lease, false, $"{nodeId}/lease", false, false, null, consumer);
    }

    public Task<IChannel> NewChannelAsync() => _connection.CreateChannelAsync();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            if (_connection.IsOpen) await _connection.CloseAsync();
        }
        catch (Exception)
        {
            // Closing a connection that is going anyway.
        }
        _connection.Dispose();
    }
}
