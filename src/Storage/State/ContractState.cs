using System.Text.Json;

namespace ActorVm.Storage.State;

/// <summary>A deployed contract as stored under its three keys.</summary>
public sealed record ContractRecord(string Id, string Code, string Abi, string Owner);

/// <summary>
/// What contracts store, in the layout of <see cref="StateKeys"/>: values, maps (whose field list
/// keeps insertion order), contract records and native token balances.
/// </summary>
public sealed class ContractState(IStateStore store)
{
    public string? Get(string contract, string key) => store.Get(ValueKey(contract, key));
    public void Put(string contract, string key, string value) => store.Put(ValueKey(contract, key), value);
    public void Delete(string contract, string key) => store.Delete(ValueKey(contract, key));

    // The last two value keys made: a transaction that reads a value and then writes it (a transfer
    // reads two balances, then writes both) makes each key once, not twice. One thread at a time, as
    // the journal beneath it.
    private (string? Contract, string? Key, string? Made) _recent, _older;

    private string ValueKey(string contract, string key)
    {
        if (Is(_recent, contract, key)) return _recent.Made!;
        if (Is(_older, contract, key))
        {
            (_recent, _older) = (_older, _recent);
            return _recent.Made!;
        }
        var made = StateKeys.Value(contract, key);
        (_older, _recent) = (_recent, (contract, key, made));
        return made;

        static bool Is((string? Contract, string? Key, string? Made) slot, string contract, string key) =>
            string.Equals(slot.Key, key, StringComparison.Ordinal) && string.Equals(slot.Contract, contract, StringComparison.Ordinal);
    }

    public string? MapGet(string contract, string key, string field) => store.Get(StateKeys.MapField(contract, key, field));

    public bool MapHas(string contract, string key, string field) => MapGet(contract, key, field) is not null;

    /// <summary>Puts a field; answers how many fields the rewritten field list holds (0 when the field existed).</summary>
    public int MapPut(string contract, string key, string field, string value)
    {
        var written = 0;
        if (!MapHas(contract, key, field))
        {
            IReadOnlyList<string> fields = [.. MapKeys(contract, key), field];
            WriteFields(contract, key, fields);
            written = fields.Count;
        }
        store.Put(StateKeys.MapField(contract, key, field), value);
        return written;
    }

    /// <summary>Deletes a field; answers how many fields the rewritten field list holds (0 when there was no such field).</summary>
    public int MapDelete(string contract, string key, string field)
    {
        if (!MapHas(contract, key, field)) return 0;
        var rest = MapKeys(contract, key).Where(f => f != field).ToList();
        WriteFields(contract, key, rest);
        store.Delete(StateKeys.MapField(contract, key, field));
        return rest.Count;
    }

    /// <summary>The map's fields in the order they were first put.</summary>
    public IReadOnlyList<string> MapKeys(string contract, string key) =>
        store.Get(StateKeys.MapFields(contract, key)) is { } json ? JsonSerializer.Deserialize<List<string>>(json)! : [];

    public int MapLength(string contract, string key) => MapKeys(contract, key).Count;

    public ContractRecord? GetContract(string id)
    {
        var code = store.Get(StateKeys.Code(id));
        return code is null ? null : new ContractRecord(id, code, store.Get(StateKeys.Abi(id)) ?? "", store.Get(StateKeys.Owner(id)) ?? "");
    }

    public void PutContract(ContractRecord contract)
    {
        store.Put(StateKeys.Code(contract.Id), contract.Code);
        store.Put(StateKeys.Abi(contract.Id), contract.Abi);
        store.Put(StateKeys.Owner(contract.Id), contract.Owner);
    }

    public string? Balance(string token, string account) => store.Get(StateKeys.Balance(token, account));

    public void SetBalance(string token, string account, string amount) => store.Put(StateKeys.Balance(token, account), amount);

    private void WriteFields(string contract, string key, IReadOnlyList<string> fields)
    {
        if (fields.Count == 0) store.Delete(StateKeys.MapFields(contract, key));
        else store.Put(StateKeys.MapFields(contract, key), JsonSerializer.Serialize(fields));
    }
}
