using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class ContractStateTests
{
    private sealed class Empty : IStateReader
    {
        public string? Get(string key) => null;
    }

    private readonly ContractState _state = new(new StateJournal(new Empty()));

    [Fact]
    public void Map_keys_come_back_in_insertion_order()
    {
        foreach (var field in new[] { "zebra", "apple", "mango" }) _state.MapPut("c", "m", field, "v");

        Assert.Equal(["zebra", "apple", "mango"], _state.MapKeys("c", "m"));
        Assert.Equal(3, _state.MapLength("c", "m"));
    }

    [Fact]
    public void Putting_an_existing_field_again_keeps_its_place()
    {
        _state.MapPut("c", "m", "a", "1");
        _state.MapPut("c", "m", "b", "2");

        _state.MapPut("c", "m", "a", "3");

        Assert.Equal(["a", "b"], _state.MapKeys("c", "m"));
        Assert.Equal("3", _state.MapGet("c", "m", "a"));
    }

    [Fact]
    public void Deleting_a_field_removes_it_from_the_keys()
    {
        _state.MapPut("c", "m", "a", "1");
        _state.MapPut("c", "m", "b", "2");

        _state.MapDelete("c", "m", "a");

        Assert.Equal(["b"], _state.MapKeys("c", "m"));
        Assert.False(_state.MapHas("c", "m", "a"));
    }

    [Fact]
    public void Maps_and_values_of_different_contracts_are_apart()
    {
        _state.Put("c1", "k", "one");
        _state.MapPut("c1", "m", "f", "one");

        Assert.Null(_state.Get("c2", "k"));
        Assert.Empty(_state.MapKeys("c2", "m"));
    }

    [Fact]
    public void A_contract_record_round_trips()
    {
        var record = new ContractRecord("Contract1", "code", "{}", "alice");

        _state.PutContract(record);

        Assert.Equal(record, _state.GetContract("Contract1"));
        Assert.Null(_state.GetContract("Contract2"));
    }

    [Fact]
    public void A_name_with_the_separator_is_refused()
    {
        Assert.Throws<ArgumentException>(() => StateKeys.Value("bad-name", "k"));
    }
}
