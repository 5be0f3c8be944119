using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class StorageApiTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void Put_get_has_and_del_work_on_the_contracts_own_values()
    {
        var receipt = _h.Run("""
            storage.put('k', 'v');
            const before = [storage.get('k'), storage.has('k')];
            storage.del('k');
            return [...before, storage.get('k'), storage.has('k')];
            """);

        Assert.Equal(["""["v",true,null,false]"""], receipt.Returns);
    }

    [Fact]
    public void A_value_that_is_not_a_string_is_refused()
    {
        var receipt = _h.Run("storage.put('k', 42);");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("storage.put: value must be a string", receipt.Status.Message);
    }

    [Theory]
    [InlineData("a-b")]
    [InlineData("a@b")]
    [InlineData("")]
    [InlineData("tab\there")]
    public void A_key_outside_the_rules_is_refused_and_catchable(string key)
    {
        var receipt = _h.Run($"try {{ storage.put({System.Text.Json.JsonSerializer.Serialize(key)}, 'x'); }} catch (e) {{ return e.message; }}");

        Assert.Contains("storage.put: key", receipt.Returns[0]);
    }

    [Fact]
    public void Map_operations_keep_fields_in_insertion_order()
    {
        var receipt = _h.Run("""
            storage.mapPut('m', 'zebra', '1');
            storage.mapPut('m', 'apple', '2');
            storage.mapPut('m', 'mango', '3');
            storage.mapDel('m', 'apple');
            return [storage.mapKeys('m'), storage.mapLen('m'), storage.mapGet('m', 'mango'), storage.mapHas('m', 'apple')];
            """);

        Assert.Equal(["""[["zebra","mango"],2,"3",false]"""], receipt.Returns);
    }

    [Fact]
    public void Global_reads_see_another_contracts_values_and_maps()
    {
        var owner = _h.DeployClass("f() { storage.put('k', 'theirs'); storage.mapPut('m', 'f', 'field'); }", ("f", 0));
        _h.Call(owner, "f");

        var receipt = _h.Run($"""
            const c = '{owner}';
            return [storage.globalGet(c, 'k'), storage.globalHas(c, 'k'), storage.globalMapGet(c, 'm', 'f'),
                    storage.globalMapHas(c, 'm', 'f'), storage.globalMapKeys(c, 'm'), storage.globalMapLen(c, 'm')];
            """);

        Assert.Equal(["""["theirs",true,"field",true,["f"],1]"""], receipt.Returns);
    }

    [Fact]
    public void Global_reads_have_no_way_to_write()
    {
        Assert.Equal(["\"undefined\""], _h.Run("return typeof storage.globalPut;").Returns);
    }

    [Fact]
    public void Require_storage_and_blockchain_return_the_globals()
    {
        var receipt = _h.Run("return [require('storage') === storage, require('blockchain') === blockchain];");

        Assert.Equal(["[true,true]"], receipt.Returns);
    }
}
