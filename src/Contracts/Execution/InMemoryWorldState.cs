using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Execution;

/// <summary>World state in memory with an undo log: for running the engine without a store (tests, benchmarks, tools).</summary>
public sealed class InMemoryWorldState : IWorldState
{
    private readonly Dictionary<string, string> _values = new();
    private readonly List<(string Key, string? Previous)> _undo = [];

    public IReadOnlyDictionary<string, string> Values => _values;

    public string? Raw(string key) => _values.GetValueOrDefault(key);

    private void Set(string key, string? value)
    {
        _undo.Add((key, _values.GetValueOrDefault(key)));
        if (value is null) _values.Remove(key);
        else _values[key] = value;
    }

    public string? GetValue(string contract, string key) => Raw($"v/{contract}/{key}");
    public void PutValue(string contract, string key, string value) => Set($"v/{contract}/{key}", value);
    public void DeleteValue(string contract, string key) => Set($"v/{contract}/{key}", null);

    public string? MapGet(string contract, string key, string field) => Raw($"m/{contract}/{key}/{field}");

    public int MapPut(string contract, string key, string field, string value)
    {
        var written = 0;
        if (MapGet(contract, key, field) is null)
        {
            var fields = MapKeys(contract, key).Append(field).ToList();
            Set($"mf/{contract}/{key}", string.Join('\n', fields));
            written = fields.Count;
        }
        Set($"m/{contract}/{key}/{field}", value);
        return written;
    }

    public int MapDelete(string contract, string key, string field)
    {
        if (MapGet(contract, key, field) is null) return 0;
        var rest = MapKeys(contract, key).Where(f => f != field).ToList();
        Set($"mf/{contract}/{key}", rest.Count == 0 ? null : string.Join('\n', rest));
        Set($"m/{contract}/{key}/{field}", null);
        return rest.Count;
    }

    public IReadOnlyList<string> MapKeys(string contract, string key) =>
        Raw($"mf/{contract}/{key}") is { } fields ? fields.Split('\n') : [];

    public DeployedContract? GetContract(string id) =>
        Raw($"c/{id}/code") is { } code ? new DeployedContract(id, code, Raw($"c/{id}/abi")!, Raw($"c/{id}/owner")!) : null;

    public void PutContract(DeployedContract contract)
    {
        Set($"c/{contract.Id}/code", contract.Code);
        Set($"c/{contract.Id}/abi", contract.AbiJson);
        Set($"c/{contract.Id}/owner", contract.Owner);
    }

    public string? GetBalance(string token, string account) => Raw($"b/{token}/{account}");
    public void SetBalance(string token, string account, string amount) => Set($"b/{token}/{account}", amount);

    public int Savepoint() => _undo.Count;

    public void RollbackTo(int savepoint)
    {
        for (var i = _undo.Count - 1; i >= savepoint; i--)
        {
            var (key, previous) = _undo[i];
            if (previous is null) _values.Remove(key);
            else _values[key] = previous;
        }
        _undo.RemoveRange(savepoint, _undo.Count - savepoint);
    }
}
