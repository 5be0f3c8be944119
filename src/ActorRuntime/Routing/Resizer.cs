namespace ActorVm.Actors.Runtime.Routing;

/// <summary>Decides how many routees to add (positive) or remove (negative).</summary>
public abstract class Resizer
{
    /// <summary>Asked with the number of messages routed so far (from 0).</summary>
    public abstract bool IsTimeForResize(long messageCounter);

    public abstract int Resize(IReadOnlyList<IActorRef> currentRoutees);
}

/// <summary>
/// Akka's DefaultResizer, with its parameters and formulas. Pressure is the number of routees under
/// pressure: with PressureThreshold 1, those handling a message with more queued; below 1, those
/// handling a message at all ("routees currently processing"); above 1, those with at least that
/// many messages queued.
/// </summary>
public sealed class DefaultResizer : Resizer
{
    public DefaultResizer(int lowerBound = 1, int upperBound = 10, int pressureThreshold = 1, double rampupRate = 0.2,
        double backoffThreshold = 0.3, double backoffRate = 0.1, int messagesPerResize = 10)
    {
        if (lowerBound < 0) throw new ArgumentException($"lowerBound must be >= 0, was {lowerBound}");
        if (upperBound < 0) throw new ArgumentException($"upperBound must be >= 0, was {upperBound}");
        if (upperBound < lowerBound) throw new ArgumentException($"upperBound must be >= lowerBound, was {upperBound} < {lowerBound}");
        if (rampupRate < 0) throw new ArgumentException($"rampupRate must be >= 0, was {rampupRate}");
        if (backoffThreshold > 1) throw new ArgumentException($"backoffThreshold must be <= 1, was {backoffThreshold}");
        if (backoffRate < 0) throw new ArgumentException($"backoffRate must be >= 0, was {backoffRate}");
        if (messagesPerResize <= 0) throw new ArgumentException($"messagesPerResize must be > 0, was {messagesPerResize}");
        (LowerBound, UpperBound, PressureThreshold, RampupRate, BackoffThreshold, BackoffRate, MessagesPerResize) =
            (lowerBound, upperBound, pressureThreshold, rampupRate, backoffThreshold, backoffRate, messagesPerResize);
    }

    public int LowerBound { get; }
    public int UpperBound { get; }
    public int PressureThreshold { get; }
    public double RampupRate { get; }
    public double BackoffThreshold { get; }
    public double BackoffRate { get; }
    public int MessagesPerResize { get; }

    public override bool IsTimeForResize(long messageCounter) => messageCounter % MessagesPerResize == 0;

    public override int Resize(IReadOnlyList<IActorRef> currentRoutees) => Capacity(currentRoutees);

    /// <summary>The change in size, kept within the bounds.</summary>
    public int Capacity(IReadOnlyList<IActorRef> currentRoutees)
    {
        var currentSize = currentRoutees.Count;
        var delta = Filter(Pressure(currentRoutees), currentSize);
        var proposed = currentSize + delta;
        if (proposed < LowerBound) return delta + (LowerBound - proposed);
        if (proposed > UpperBound) return delta - (proposed - UpperBound);
        return delta;
    }

    public int Pressure(IReadOnlyList<IActorRef> currentRoutees) => currentRoutees.Count(routee =>
    {
        if (ActorCell.AsCell(routee) is not { } cell) return false;
        if (PressureThreshold == 1) return cell.IsProcessing && cell.QueueLength > 0;
        if (PressureThreshold < 1) return cell.IsProcessing;
        return cell.QueueLength >= PressureThreshold;
    });

    public int Filter(int pressure, int capacity) => Rampup(pressure, capacity) + Backoff(pressure, capacity);

    public int Rampup(int pressure, int capacity) => pressure < capacity ? 0 : (int)Math.Ceiling(RampupRate * capacity);

    public int Backoff(int pressure, int capacity) =>
        BackoffThreshold > 0 && BackoffRate > 0 && capacity > 0 && (double)pressure / capacity < BackoffThreshold
            ? (int)Math.Floor(-1.0 * BackoffRate * capacity)
            : 0;
}
