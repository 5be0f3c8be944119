namespace ActorVm.Contracts.Execution;

/// <summary>A contract loaded into one isolate: its compiled form and the isolate's handle for its modules.</summary>
internal sealed record LoadedContract(CompiledContract Compiled, int Handle);

/// <summary>A worker's compiled contracts, least recently used first out; eviction releases the modules.</summary>
internal sealed class CompiledContractCache(int capacity, Action<LoadedContract> evicted)
{
    private readonly Dictionary<string, LinkedListNode<LoadedContract>> _entries = [];
    private readonly LinkedList<LoadedContract> _order = [];

    public int Count => _entries.Count;

    public LoadedContract? Get(string codeHash)
    {
        if (!_entries.TryGetValue(codeHash, out var node)) return null;
        _order.Remove(node);
        _order.AddFirst(node);
        return node.Value;
    }

    public void Add(LoadedContract contract)
    {
        _entries[contract.Compiled.CodeHash] = _order.AddFirst(contract);
        while (_entries.Count > capacity && _order.Last is { } last)
        {
            _order.RemoveLast();
            _entries.Remove(last.Value.Compiled.CodeHash);
            evicted(last.Value);
        }
    }
}
