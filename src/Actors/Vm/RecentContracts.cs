namespace ActorVm.Actors.Vm;

/// <summary>
/// The contracts called most recently on this node, newest first, so that a worker can load them
/// before it takes work. Shared by the VmManager, which notes them, and its workers. Thread-safe.
/// </summary>
public sealed class RecentContracts(int capacity)
{
    private readonly Lock _gate = new();
    private readonly List<string> _ids = [];

    public void Note(string contractId)
    {
        lock (_gate)
        {
            if (_ids.Count > 0 && _ids[0] == contractId) return;
            _ids.Remove(contractId);
            _ids.Insert(0, contractId);
            if (_ids.Count > capacity) _ids.RemoveAt(capacity);
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate) return [.. _ids];
    }
}
