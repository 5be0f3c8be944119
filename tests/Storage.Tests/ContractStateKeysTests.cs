using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class ContractStateKeysTests
{
    private sealed class RecordingStore : IStateStore
    {
        public List<string> Keys { get; } = [];
        private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

        public string? Get(string key)
        {
            Keys.Add(key);
            return _values.GetValueOrDefault(key);
        }

        public void Put(string key, string value)
        {
            Keys.Add(key);
            _values[key] = value;
        }

        public void Delete(string key)
        {
            Keys.Add(key);
            _values[key] = null;
        }
    }

    [Fact]
    public void Every_value_read_or_written_goes_to_the_key_of_its_contract_and_name_however_they_interleave()
    {
        var store = new RecordingStore();
        var state = new ContractState(store);
        (string Contract, string Key)[] calls =
            [("c1", "a"), ("c1", "b"), ("c1", "a"), ("c2", "a"), ("c1", "a"), ("c1", "b"), ("c2", "b"), ("c2", "a"), ("c1", "ab"), ("c1a", "b")];

        for (var i = 0; i < calls.Length; i++)
        {
            var (contract, key) = calls[i];
            if (i % 3 == 0) state.Put(contract, key, $"{i}");
            else if (i % 3 == 1) state.Get(contract, key);
            else state.Delete(contract, key);
        }

        Assert.Equal(calls.Select(c => StateKeys.Value(c.Contract, c.Key)), store.Keys);
        Assert.Equal("3", state.Get("c2", "a"));
        Assert.Null(state.Get("c1", "a"));
    }
}
