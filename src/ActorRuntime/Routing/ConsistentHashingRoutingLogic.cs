using System.Text;

namespace ActorVm.Actors.Runtime.Routing;

/// <summary>A hash ring with virtual nodes, rebuilt only when the routees change.</summary>
internal sealed class ConsistentHashingRoutingLogic(Func<object, object?>? hashMapping, int virtualNodesFactor) : RoutingLogic
{
    private sealed record Ring(ActorCell[] Routees, ulong[] Hashes, ActorCell[] Nodes);

    private volatile Ring? _ring;

    public override ActorCell? Select(object message, ActorCell[] routees)
    {
        var key = message switch
        {
            ConsistentHashableEnvelope envelope => envelope.HashKey,
            IConsistentHashable hashable => hashable.ConsistentHashKey,
            _ => hashMapping?.Invoke(message),
        };
        if (key is null) return null;
        var ring = RingFor(routees);
        var index = Array.BinarySearch(ring.Hashes, Hash(key.ToString() ?? ""));
        if (index < 0) index = ~index;
        return ring.Nodes[index == ring.Nodes.Length ? 0 : index];
    }

    private Ring RingFor(ActorCell[] routees)
    {
        var ring = _ring;
        if (ring is not null && ReferenceEquals(ring.Routees, routees)) return ring;
        var nodes = new SortedList<ulong, ActorCell>();
        foreach (var routee in routees)
        {
            for (var v = 0; v < virtualNodesFactor; v++) nodes[Hash($"{routee.Path}:{v}")] = routee;
        }
        ring = new Ring(routees, nodes.Keys.ToArray(), nodes.Values.ToArray());
        _ring = ring;
        return ring;
    }

    /// <summary>FNV-1a over UTF-8, finished with a 64-bit mixer for an even spread on the ring.</summary>
    private static ulong Hash(string text)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53UL;
        return hash ^ (hash >> 33);
    }
}
