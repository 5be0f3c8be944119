namespace ActorVm.Host.Bench;

/// <summary>
/// A client's transfers in flight, counted to their end without a task kept for each: 100,000
/// finished tasks held to the end of a run were promoted and copied by its collections.
/// </summary>
internal sealed class OutstandingTransfers
{
    private int _remaining = 1;
    private int _succeeded;
    private Exception? _failure;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One more transfer sent.</summary>
    public void Started() => Interlocked.Increment(ref _remaining);

    public void Ended(bool succeeded)
    {
        if (succeeded) Interlocked.Increment(ref _succeeded);
        Release();
    }

    public void Failed(Exception e)
    {
        Interlocked.CompareExchange(ref _failure, e, null);
        Release();
    }

    /// <summary>Once everything sent has ended: how many succeeded (the first failure is thrown).</summary>
    public async Task<int> AllEnded()
    {
        Release();
        await _done.Task;
        if (_failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(_failure);
        return _succeeded;
    }

    private void Release()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) _done.TrySetResult();
    }
}
