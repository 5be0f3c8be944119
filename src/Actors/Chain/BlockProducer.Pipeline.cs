using System.Diagnostics;
using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>
/// The pipeline: a batch executes over the base the last sealed block left (<see cref="BlockExecution"/>),
/// is sealed at the StateDB actor, and the next batch starts while the store writes it; waiters hear
/// once their block is on disk. A block that cannot be written takes the blocks built on it along.
/// </summary>
public sealed partial class BlockProducer
{
    private void StartBlock()
    {
        if (_executing || _sealing is not null || _validating || _validationWaiting || _draining || _storageProblem is not null
            || _returning is not null || _mempool.Count == 0 || _unwritten.Count >= _settings.MaxUnwrittenBlocks) return;
        if (_base is not { } @base)
        {
            if (_askingBase) return;
            _askingBase = true;
            var asker = Self;
            _stateDb.Ask<BlockBase>(new GetBlockBase(), StepTimeout).ContinueWith(
                t => asker.Tell(new BaseReady(t.IsCompletedSuccessfully ? t.Result : null)), TaskScheduler.Default);
            return;
        }
        _executing = true;
        var batch = _mempool.TakeBatch(_settings.MaxBlockTransactions, _settings.MaxBlockTransactionsPerSender);
        // Block times only move forward, even if the clock does not.
        var time = _lastTime = Math.Max(_lastTime + 1, (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100);
        var (self, contended) = (Self, _contended);
        var started = _executingSince = Stopwatch.GetTimestamp();
        _ = Task.Run(() => Execute(batch, @base, time, contended, started)).ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? t.Result
            : new Executed(batch, @base, null, null, t.Exception?.GetBaseException(), started, 0, 0)), TaskScheduler.Default);
    }

    /// <summary>
    /// Off the actor: executes the batch and drafts the block of those that enter it; their receipts are
    /// encoded (once, as stored and sent) by the store's writer, off the way to the next block.
    /// </summary>
    private async Task<Executed> Execute(List<PendingTx> batch, BlockBase @base, long time, IReadOnlySet<string> contended, long started)
    {
        var context = new BlockContext(@base.Tip.Height + 1, @base.Tip.Hash, _settings.Witness, time);
        var executed = await _execution.Run(batch.Select(p => p.Tx).ToList(), context, @base.View, _settings.MaxBlockGas, contended: contended);
        var executeEnded = Stopwatch.GetTimestamp();
        var draft = Draft(time, _settings.Witness, batch.Zip(executed.Receipts).Where(r => BlockRules.EntersBlock(r.Second)), _settings.ReceiptLogs)
            with { Sign = _settings.SignBlock };
        return new Executed(batch, @base, executed, draft, null, started, executeEnded, Stopwatch.GetTimestamp());
    }

    private static BlockDraft Draft(long time, string witness, IEnumerable<(PendingTx Pending, Receipt Receipt)> included, bool receiptLogs) =>
        new(time, witness, included.Select(r => new StoredReceipt(r.Receipt.TxHash,
                output => ChainJson.Write(output, r.Receipt.ForBlock(receiptLogs)), KeptTransactions.Keep(r.Pending.Tx))
            { ReplayKey = r.Pending.Tx.ReplayKey, TxTime = r.Pending.Tx.Time })
            .ToList());

    private void OnExecuted(Executed m)
    {
        _executing = false;
        _executions.Add((_executingSince, Stopwatch.GetTimestamp()));
        if (_executions.Count > 8) _executions.RemoveAt(0);
        if (_returning is not null)
        {
            // Built on a block that could not be written: its batch goes back after that block's.
            _returning.AddRange(m.Batch);
            AfterBlock();
            return;
        }
        if (m.Error is not null || m.Block is null || m.Draft is null)
        {
            Log.Error(m.Error, "a block could not be produced; its transactions were rejected");
            foreach (var pending in m.Batch)
            {
                _mempool.Forget(pending);
                pending.Waiter?.Tell(new TxRejected(pending.Tx.Hash, $"the block could not be produced: {m.Error?.Message}"));
            }
            _base = null;
            AfterBlock();
            return;
        }
        // What the gas budget left out waits for the next block, ahead of what arrived since.
        var results = m.Batch.Zip(m.Block.Receipts).ToList();
        _mempool.ReturnToFront(m.Batch.Skip(results.Count).ToList());
        if (m.Block.Collided.Except(_contended).Any()) _contended = _contended.Union(m.Block.Collided).ToHashSet();
        _sealing = new InFlight(results, null)
        {
            Started = m.Started,
            Execute = Stopwatch.GetElapsedTime(m.Started, m.ExecuteEnded),
            Receipts = Stopwatch.GetElapsedTime(m.ExecuteEnded, m.ReceiptsEnded),
            ReceiptsEnded = m.ReceiptsEnded,
            Waves = m.Block.Waves,
            Reexecuted = m.Block.Reexecuted,
        };
        _stateDb.Tell(new SealBlock(m.Base.Tip, m.Draft, m.Block.Writes), Self);
    }

    private void OnSealed(BlockSealed m)
    {
        if (_sealing is not { } flight) return;
        _sealing = null;
        flight.Block = m.Block;
        flight.SealedAt = Stopwatch.GetTimestamp();
        _unwritten.Enqueue(flight);
        _base = m.Next;
        AfterBlock();
    }

    private void OnSealRefused(SealRefused m)
    {
        if (_sealing is not { } flight) return;
        _sealing = null;
        _base = null;
        if (flight.ValidatedFor is { } asker) asker.Tell(new BlockRefused($"the block could not be committed: {m.Reason}"));
        else if (_returning is not null) _returning.AddRange(flight.Results.Select(r => r.Pending));
        else _mempool.ReturnToFront(flight.Results.Select(r => r.Pending).ToList());
        if (m.StorageProblem) PauseFor(m.Reason);
        AfterBlock();
    }

    private void OnCommitted(BlockCommitted m)
    {
        if (!_unwritten.TryPeek(out var flight) || flight.Block?.Hash != m.Block.Hash) return;
        _unwritten.Dequeue();
        _height = m.Block.Height;
        if (flight.ValidatedFor is { } asker)
        {
            asker.Tell(new BlockAccepted(m.Block));
            // A replica's clients hear a validated block's events and lines as the producer's do.
            PublishOutput(m.Block.Height, flight.ValidatedReceipts);
            if (flight.ExecutedWrites is { } writes)
                Context.System.EventStream.Publish(new BlockExecutedHere(m.Block.Hash, m.Block.Height, flight.ValidatedReceipts, writes));
        }
        else Publish(m.Block, flight);
        AfterBlock();
    }

    /// <summary>Answers a committed block's waiters and publishes its events.</summary>
    private void Publish(BlockRecord block, InFlight flight)
    {
        foreach (var (pending, _) in flight.Results) _mempool.Forget(pending);
        var committed = flight.Results.Count(r => BlockRules.EntersBlock(r.Receipt));
        _transactions += committed;
        _recent.Enqueue((Environment.TickCount64, committed));
        PublishOutput(block.Height, flight.Results.Select(r => r.Receipt).ToList());
        foreach (var (pending, receipt) in flight.Results)
        {
            if (!BlockRules.EntersBlock(receipt)) _leftOut.Add(receipt.TxHash, $"left out of block {block.Height}: {receipt.Status.Message}");
            if (BlockRules.HitResourceLimit(receipt))
            {
                pending.Waiter?.Tell(new TxRejected(receipt.TxHash, $"left out of block {block.Height}: {receipt.Status.Message}", Rejection.NotExecutable));
                continue;
            }
            _gasUsed += receipt.GasUsed;
            pending.Waiter?.Tell(receipt.ForBlock(_settings.ReceiptLogs));
        }

        var now = Stopwatch.GetTimestamp();
        var times = new BlockTimes(flight.Execute, flight.Receipts, Stopwatch.GetElapsedTime(flight.ReceiptsEnded, flight.SealedAt),
            Stopwatch.GetElapsedTime(flight.SealedAt, now), Overlap(flight.SealedAt, now)) { Waves = flight.Waves, Reexecuted = flight.Reexecuted };
        Context.System.EventStream.Publish(new BlockPublished(block, flight.Results.Select(r => r.Receipt).ToList(),
            Stopwatch.GetElapsedTime(flight.Started, now)) { Times = times });
    }

    /// <summary>The contracts' console lines of a committed block's transactions (those left out of it say so) and the events of those in it.</summary>
    private void PublishOutput(long height, IReadOnlyList<Receipt> executed)
    {
        var stream = Context.System.EventStream;
        foreach (var receipt in executed) ContractLogLines.Publish(stream, height, receipt, BlockRules.EntersBlock(receipt));
        foreach (var e in ContractEvent.Of(height, executed.Where(BlockRules.EntersBlock).ToList())) stream.Publish(e);
    }

    /// <summary>How long, between two timestamps, a block was executing.</summary>
    private TimeSpan Overlap(long from, long to)
    {
        long overlapped = 0;
        foreach (var (start, end) in _executing ? [.. _executions, (_executingSince, to)] : _executions)
            overlapped += Math.Max(0, Math.Min(end, to) - Math.Max(start, from));
        return Stopwatch.GetElapsedTime(0, overlapped);
    }

    private void OnNotCommitted(BlockNotCommitted m)
    {
        if (!_unwritten.Any(f => f.Block?.Hash == m.Block.Hash)) return;
        // This block and every one sealed after it are gone: their transactions wait, in order, at the
        // front of the mempool (with their waiters), behind nothing; validated blocks are refused.
        _returning ??= [];
        while (_unwritten.TryDequeue(out var flight))
        {
            if (flight.ValidatedFor is { } asker) asker.Tell(new BlockRefused($"the block could not be written: {m.Reason}"));
            else _returning.AddRange(flight.Results.Select(r => r.Pending));
        }
        _base = null;
        PauseFor(m.Reason);
        AfterBlock();
    }

    private void PauseFor(string problem)
    {
        if (_storageProblem is null) Log.Error(null, $"block production paused: {problem}");
        _storageProblem = problem;
        if (!_draining && !_standby) Become(Paused);
    }
}
