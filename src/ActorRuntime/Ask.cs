namespace ActorVm.Actors.Runtime;

/// <summary>A reply that fails the asker's task (Akka's Status.Failure).</summary>
public sealed record StatusFailure(Exception Cause);

public sealed class AskTimeoutException(string message) : TimeoutException(message);

public static class AskExtensions
{
    /// <summary>Sends and awaits one reply of type T; a StatusFailure reply or the timeout fails the task.</summary>
    public static Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout)
    {
        var promise = new PromiseActorRef<T>(target, message, timeout);
        target.Tell(message, promise);
        return promise.Task;
    }
}

/// <summary>A one-shot reference that completes a task with the first message it receives.</summary>
internal sealed class PromiseActorRef<T> : IActorRef
{
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The system time provider's timer: one object around the timer queue's entry, which holds the
    // promise as its state until it fires or is disposed. A timed CancellationTokenSource made the
    // same entry plus itself, a registration list and a node (a node asks once per transaction).
    private readonly ITimer _timeout;
    private readonly IActorRef _target;
    private readonly Type _messageType;
    private readonly TimeSpan _timeoutAfter;

    public PromiseActorRef(IActorRef target, object message, TimeSpan timeout)
    {
        (_target, _messageType, _timeoutAfter) = (target, message.GetType(), timeout);
        // A static callback with the promise as its state: no closure or delegate per ask.
        _timeout = TimeProvider.System.CreateTimer(static promise => ((PromiseActorRef<T>)promise!).TimedOut(), this, timeout, Timeout.InfiniteTimeSpan);
    }

    private void TimedOut() => _result.TrySetException(new AskTimeoutException(
        $"ask of {_target.Path} with {_messageType.Name} timed out after {_timeoutAfter.TotalMilliseconds} ms"));

    public string Path => $"/temp/ask-{_target.Path}";

    public Task<T> Task => _result.Task;

    public void Tell(object message, IActorRef? sender = null)
    {
        var completed = message switch
        {
            StatusFailure failure => _result.TrySetException(failure.Cause),
            T reply => _result.TrySetResult(reply),
            _ => _result.TrySetException(new InvalidCastException(
                $"expected a reply of type {typeof(T).Name}, got {message.GetType().Name}")),
        };
        if (completed) _timeout.Dispose();
    }
}
