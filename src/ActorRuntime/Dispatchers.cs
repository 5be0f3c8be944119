namespace ActorVm.Actors.Runtime;

/// <summary>Runs mailboxes. The default shares the thread pool; the pinned one gives each actor a thread.</summary>
public static class Dispatchers
{
    public const string Default = "default";
    public const string Pinned = "pinned";
}

internal interface IDispatcher
{
    /// <summary>How many user messages a mailbox processes before it yields its thread.</summary>
    int Throughput { get; }

    void Schedule(Mailbox mailbox);

    /// <summary>Called once when the mailbox closes, to release what was dedicated to it.</summary>
    void Detach(Mailbox mailbox);
}

internal sealed class ThreadPoolDispatcher(int throughput) : IDispatcher
{
    public int Throughput => throughput;

    public void Schedule(Mailbox mailbox) => ThreadPool.UnsafeQueueUserWorkItem(mailbox, preferLocal: true);

    public void Detach(Mailbox mailbox) { }
}

/// <summary>One dedicated thread for one mailbox: a V8 isolate must stay on one thread.</summary>
internal sealed class PinnedDispatcher : IDispatcher
{
    /// <summary>
    /// Native stack of a pinned thread: an isolate uses all of it, so that contracts reach their
    /// deterministic call depth limit long before the stack ends. Address space is reserved; only
    /// what is used is committed.
    /// </summary>
    public const int StackBytes = 128 * 1024 * 1024;

    private readonly SemaphoreSlim _signal = new(0);
    private volatile bool _detached;

    public PinnedDispatcher(string name)
    {
        var thread = new Thread(Loop, StackBytes) { IsBackground = true, Name = name };
        thread.Start();
    }

    private Mailbox? _mailbox;

    public int Throughput => int.MaxValue;

    public void Schedule(Mailbox mailbox)
    {
        _mailbox = mailbox;
        _signal.Release();
    }

    public void Detach(Mailbox mailbox)
    {
        _detached = true;
        _signal.Release();
    }

    private void Loop()
    {
        while (true)
        {
            _signal.Wait();
            if (_detached) break;
            _mailbox?.Execute();
        }
        _signal.Dispose();
    }
}
