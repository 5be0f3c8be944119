using System.Collections.Immutable;

namespace ActorVm.Actors.Runtime;

/// <summary>Publish-subscribe by event type within one actor system (dead letters, log events, ...).</summary>
public sealed class EventStream
{
    private readonly Lock _gate = new();
    private ImmutableArray<(IActorRef Subscriber, Type Channel)> _subscriptions = [];

    /// <summary>Subscribes to every event assignable to <paramref name="channel"/>; false if already subscribed.</summary>
    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        lock (_gate)
        {
            if (_subscriptions.Contains((subscriber, channel))) return false;
            _subscriptions = _subscriptions.Add((subscriber, channel));
            return true;
        }
    }

    /// <summary>Removes the subscriber from one channel, or from all when channel is null.</summary>
    public void Unsubscribe(IActorRef subscriber, Type? channel = null)
    {
        lock (_gate)
            _subscriptions = _subscriptions.RemoveAll(s => s.Subscriber.Equals(subscriber) && (channel is null || s.Channel == channel));
    }

    public void Publish(object @event)
    {
        foreach (var (subscriber, channel) in _subscriptions)
        {
            if (channel.IsInstanceOfType(@event)) subscriber.Tell(@event);
        }
    }
}
