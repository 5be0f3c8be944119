using ActorVm.Actors.Runtime;
using ActorVm.Actors.State;
using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Chain;

/// <summary>
/// Blocks from elsewhere: checked (<see cref="BlockValidation"/>), executed through the same path as
/// blocks produced here, and sealed only when every receipt and the state root match; the asker hears
/// once the block is on disk. They wait while a produced block is in flight.
/// </summary>
public sealed partial class BlockProducer
{
    private void OnValidateBlock(ValidateBlock m)
    {
        // One block at a time: a block from elsewhere waits until nothing produced here is in flight,
        // and no new block starts meanwhile, so that it does not wait for ever under load.
        if (Busy)
        {
            _validationWaiting = true;
            Stash.Stash();
            return;
        }
        _validationWaiting = false;
        _validating = true;
        var (self, replyTo) = (Self, Sender);
        _ = Validate(m, replyTo).ContinueWith(t => self.Tell(t.IsCompletedSuccessfully ? t.Result
            : new Validated(replyTo, new BlockRefused("the block could not be validated"), null, null, null, null)),
            TaskScheduler.Default);
    }

    /// <summary>Re-executes a block from elsewhere; it is sealed only when its header, every receipt and its state root match.</summary>
    private async Task<Validated> Validate(ValidateBlock m, IActorRef replyTo)
    {
        var @base = await _stateDb.Ask<BlockBase>(new GetBlockBase(), StepTimeout);
        if ((BlockValidation.SignatureProblem(m, _settings) ?? BlockValidation.HeaderProblem(m, @base.Tip)) is { } header)
            return new Validated(replyTo, new BlockRefused(header), null, null, null, null);
        var executed = m.ExecutedElsewhere ?? await _execution.Run(m.Transactions, new BlockContext(m.Height, m.ParentHash, m.Witness, m.Time),
            @base.View, long.MaxValue, validating: true, contended: _contended);
        if (BlockValidation.ResultProblem(m, executed, @base.Tip, _settings.ReceiptLogs) is { } result) return new Validated(replyTo, new BlockRefused(result), null, null, null, null);
        var draft = Draft(m.Time, m.Witness, m.Transactions.Select(t => new PendingTx(t, null)).Zip(executed.Receipts), _settings.ReceiptLogs) with { Sign = _ => m.Signature };
        return new Validated(replyTo, null, @base.Tip, draft, executed.Writes, executed.Receipts) { ExecutedHere = m.ExecutedElsewhere is null };
    }

    private void OnValidated(Validated m)
    {
        _validating = false;
        if (m.Refused is not null || m.Parent is null || m.Draft is null || m.Writes is null)
        {
            m.ReplyTo.Tell(m.Refused ?? new BlockRefused("the block could not be validated"));
            AfterBlock();
            return;
        }
        _sealing = new InFlight([], m.ReplyTo)
        {
            Started = System.Diagnostics.Stopwatch.GetTimestamp(), ValidatedReceipts = m.Receipts ?? [], ExecutedWrites = m.ExecutedHere ? m.Writes : null,
        };
        _base = null;
        _stateDb.Tell(new SealBlock(m.Parent, m.Draft, m.Writes), Self);
    }
}
