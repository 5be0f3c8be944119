using System.Diagnostics;
using ActorVm.Actors.Chain;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.Vm;
using ActorVm.Host.Api;
using ActorVm.Host.Config;
using ActorVm.Storage.State;

namespace ActorVm.Host.Cluster;

/// <summary>
/// This node's part in a cluster over RabbitMQ (docs/cluster.md). Every node is a full replica: it
/// reads the block stream and commits what the producer appended. Exactly one node produces: the one
/// holding the lease, a token in a single-active-consumer queue that the broker hands to the next
/// node when its holder's connection dies. A node taking the lease first reads the stream to its end,
/// then produces from the transaction queue. A node whose connection ends stops producing and joins
/// again, through any broker node that answers.
/// </summary>
internal sealed class ClusterMember : IAsyncDisposable
{
    private readonly ClusterOptions _options;
    private readonly NodeActors _actors;
    private readonly StateDb _db;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _roleGate = new(1, 1);
    private volatile ClusterSession? _session;
    private volatile bool _producing;
    private string _url = "";

    private ClusterMember(ClusterOptions options, string nodeId, NodeActors actors, StateDb db, Action<string> log)
    {
        _options = options;
        NodeId = nodeId;
        _actors = actors;
        _db = db;
        _log = log;
        Submitter = new TransactionQueue.QueueSubmitter(() => _session?.Transactions, actors);
        Querier = new QueryWork.RemoteQuerier(() => _session?.Queries, () => _session is { } session && WorkersAlive(session), actors);
    }

    /// <summary>Where this node's read-only calls go when cluster:remoteQueries is on: the cluster's workers.</summary>
    public IActorRef Querier { get; }

    public string NodeId { get; }

    public string Role => _options.IsWorker ? "worker" : _producing ? "producer" : "replica";

    /// <summary>Where this node's HTTP APIs submit transactions: the cluster's queue.</summary>
    public IActorRef Submitter { get; }

    public static async Task<ClusterMember> JoinAsync(ClusterOptions options, string nodeId, StateDb db, NodeActors actors, Action<string> log)
    {
        var member = new ClusterMember(options, nodeId, actors, db, log);
        var session = await member.OpenAsync();
        member._session = session;
        // A node serves only once it holds every block the cluster has produced.
        await session.Blocks.CatchUpAsync(nodeId, session.Ended);
        return member;
    }

    private async Task<ClusterSession> OpenAsync()
    {
        var session = await ClusterSession.OpenAsync(_options.Amqp, _options.TlsCaFile, NodeId, _db, _actors, _log, LostAsync);
        if (_options.RemoteValidation && !_options.IsWorker)
            session.Blocks.RemoteResult = block => WorkersAlive(session) ? session.Validations.AskAsync(block) : Task.FromResult<ExecutedBlock?>(null);
        return session;
    }

    private static bool WorkersAlive(ClusterSession session) => session.Members.Nodes().Any(n => n.Alive && n.Status.Role == "worker");

    /// <summary>Starts bidding for the lease and announcing this node; <paramref name="url"/> is its HTTP address.</summary>
    public async Task StartAsync(string url)
    {
        _url = url;
        await TakePartAsync(_session!);
        _ = Task.Run(AnnounceAsync);
    }

    /// <summary>A node bids for the lease; a worker takes queries, as many at once as its pool may grow to.</summary>
    private async Task TakePartAsync(ClusterSession session)
    {
        if (!_options.IsWorker)
        {
            await session.BidAsync(NodeId, () => PromoteAsync(session));
            return;
        }
        var pool = await _actors.VmManager.Ask<PoolStatus>(new GetPoolStatus(), _actors.AskTimeout);
        await session.Queries.ServeAsync(await session.NewChannelAsync(), NodeId, (ushort)Math.Max(1, pool.UpperBound), session.Ended);
        await session.Validations.ServeAsync(_actors.System.EventStream, await session.NewChannelAsync(), NodeId, (ushort)Math.Max(1, pool.UpperBound), session.Ended);
    }

    private async Task PromoteAsync(ClusterSession session)
    {
        var started = Stopwatch.GetTimestamp();
        await _roleGate.WaitAsync();
        try
        {
            await session.Blocks.CatchUpAsync(NodeId, session.Ended);
            await _actors.Producer.Ask<Promoted>(new Promote(), _actors.AskTimeout);
            _producing = true;
            await session.Transactions.FeedAsync(await session.NewChannelAsync(), session.Ended);
            _log($"cluster: {NodeId} took the producer lease at height {_db.Height} ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms to catch up and start)");
        }
        catch (Exception e) when (!session.Ended.IsCancellationRequested)
        {
            _log($"cluster: {NodeId} could not start producing: {e.Message}");
        }
        catch (Exception)
        {
            // The session ended while this node was taking the lease: LostAsync stands it down.
        }
        finally
        {
            _roleGate.Release();
        }
    }

    /// <summary>The connection ended: stop producing (the lease is someone else's now), then join again.</summary>
    private async Task LostAsync()
    {
        var lost = _session;
        _session = null;
        await _roleGate.WaitAsync();
        try
        {
            if (_producing)
            {
                _producing = false;
                await _actors.Producer.Ask<Demoted>(new Demote(), _actors.AskTimeout);
                _log($"cluster: {NodeId} lost its connection and stopped producing");
            }
        }
        finally
        {
            _roleGate.Release();
        }
        if (lost is not null) await lost.DisposeAsync();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                var session = await OpenAsync();
                _session = session;
                await TakePartAsync(session);
                _log($"cluster: {NodeId} joined again");
                return;
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                _log($"cluster: {NodeId} cannot reach the broker yet: {e.Message}");
                await Task.Delay(500);
            }
        }
    }

    private async Task AnnounceAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            if (_session is { } session)
            {
                try
                {
                    var pool = await _actors.VmManager.Ask<PoolStatus>(new GetPoolStatus(), _actors.AskTimeout);
                    var tip = _db.Tip;
                    await session.Members.AnnounceAsync(new MemberStatus(NodeId, Role, _url, Environment.ProcessId, tip.Height, tip.RootHex, pool.Size));
                }
                catch (Exception e) when (!session.Ended.IsCancellationRequested && !_stop.IsCancellationRequested)
                {
                    _log($"cluster: heartbeat failed: {e.Message}");
                }
                catch (Exception)
                {
                    // The session is ending; the next one announces.
                }
            }
            try
            {
                await Task.Delay(Membership.Interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>GET /v1/cluster: {"nodes": [{id, role, url, pid, height, stateRoot, lag, pool, alive}]}.</summary>
    public object View() => new
    {
        self = NodeId,
        nodes = (_session?.Members.Nodes() ?? []).Select(n => new
        {
            id = n.Status.Id, role = n.Status.Role, url = n.Status.Url, pid = n.Status.Pid, height = n.Status.Height,
            stateRoot = n.Status.StateRoot, lag = n.Lag, pool = n.Status.Pool, alive = n.Alive,
        }),
    };

    /// <summary>For /metrics: whether this node produces, members alive, and how far behind the highest member it is.</summary>
    public (bool Producing, int Alive, long Lag, long RemotelyValidated) Figures()
    {
        var nodes = _session?.Members.Nodes() ?? [];
        var top = nodes.Count == 0 ? _db.Height : Math.Max(_db.Height, nodes.Max(n => n.Status.Height));
        return (_producing, nodes.Count(n => n.Alive), top - _db.Height, _session?.Blocks.RemotelyValidated ?? 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _db.BeforeWrite = null;
        if (_session is { } session) await session.DisposeAsync();
    }
}
