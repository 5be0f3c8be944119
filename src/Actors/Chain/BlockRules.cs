using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Chain;

/// <summary>Which executed transactions a block may hold: the same rule for producing and for validating.</summary>
public static class BlockRules
{
    /// <summary>
    /// A transaction hit a limit whose outcome depends on the machine and its load, not on the block:
    /// the time limit, the heap limit, the native stack. It is left out of the block.
    /// </summary>
    public static bool HitResourceLimit(Receipt receipt) =>
        receipt.Status.Code is StatusCode.Timeout or StatusCode.OutOfMemory or StatusCode.StackOverflow;

    /// <summary>A malformed transaction is answered but never enters a block; nor does one that hit a resource limit.</summary>
    public static bool EntersBlock(Receipt receipt) => receipt.Status.Code != StatusCode.WrongTxFormat && !HitResourceLimit(receipt);
}
