namespace ActorVm.Actors.Runtime;

/// <summary>
/// Set messages aside and take them back later (Akka's unbounded stash). Unstashed messages go
/// to the front of the mailbox in their original order. On restart the stash is unstashed; on stop
/// it goes to dead letters.
/// </summary>
public interface IStash
{
    /// <summary>Sets aside the message being handled.</summary>
    void Stash();

    /// <summary>Returns the oldest stashed message to the front of the mailbox.</summary>
    void Unstash();

    /// <summary>Returns all stashed messages to the front of the mailbox.</summary>
    void UnstashAll();

    int Count { get; }
}

internal sealed class StashBuffer(ActorCell cell, Mailbox mailbox) : IStash
{
    private readonly List<Envelope> _stashed = [];

    public int Count => _stashed.Count;

    public void Stash()
    {
        var current = cell.CurrentEnvelope ?? throw new InvalidOperationException("Stash is only possible while handling a message");
        if (_stashed.Count > 0 && ReferenceEquals(_stashed[^1].Message, current.Message))
            throw new InvalidOperationException($"the message {current.Message} is already stashed");
        _stashed.Add(current);
    }

    public void Unstash()
    {
        if (_stashed.Count == 0) return;
        mailbox.Prepend([_stashed[0]]);
        _stashed.RemoveAt(0);
    }

    public void UnstashAll()
    {
        mailbox.Prepend(_stashed.ToList());
        _stashed.Clear();
    }

    /// <summary>Empties the stash, returning what was in it.</summary>
    public List<Envelope> Drain()
    {
        var all = _stashed.ToList();
        _stashed.Clear();
        return all;
    }
}
