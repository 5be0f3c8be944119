using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class AbiTests : IDisposable
{
    private readonly ContractHarness _h = new();
    private const string Code = "class C { transfer(to, amount) {} balance(who) {} } module.exports = C;";

    public void Dispose() => _h.Dispose();

    [Fact]
    public void An_abi_method_the_class_does_not_have_is_refused_by_name()
    {
        var receipt = _h.DeployReceipt(Code, ContractHarness.AbiOf(("transfer", 2), ("mint", 1)));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("'mint' is not a method", receipt.Status.Message);
    }

    [Fact]
    public void An_abi_method_with_another_parameter_count_is_refused_by_name()
    {
        var receipt = _h.DeployReceipt(Code, ContractHarness.AbiOf(("transfer", 3)));

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("'transfer' has 3 arguments but the class method has 2", receipt.Status.Message);
    }

    [Theory]
    [InlineData("""{"abi":[{"name":"init","args":[]}]}""", "must not list 'init'")]
    [InlineData("""{"abi":[{"name":"_hidden","args":[]}]}""", "'_hidden'")]
    [InlineData("""{"abi":[{"name":"balance","args":["float"]}]}""", "argument type 'float' is not one of")]
    [InlineData("""{"lang":"solidity","abi":[]}""", "lang must be")]
    [InlineData("""not json""", "not valid JSON")]
    public void An_invalid_abi_is_refused_with_the_reason(string abi, string reason)
    {
        var receipt = _h.DeployReceipt(Code, abi);

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains(reason, receipt.Status.Message);
    }

    [Theory]
    [InlineData("""["bob"]""", "takes 2 arguments, got 1")]
    [InlineData("""["bob", "10"]""", "argument 2 must be an integer")]
    [InlineData("""[1, 10]""", "argument 1 must be a string")]
    [InlineData("""["bob", 1.5]""", "argument 2 must be an integer")]
    public void Call_arguments_are_checked_against_the_abi(string data, string reason)
    {
        var id = _h.Deploy(Code, ContractHarness.Abi(("transfer", ["string", "number"]), ("balance", ["string"])));

        var receipt = _h.Call(id, "transfer", data);

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains(reason, receipt.Status.Message);
    }

    [Fact]
    public void Init_cannot_be_called_from_outside()
    {
        var id = _h.Deploy("class C { init() {} } module.exports = C;", ContractHarness.AbiOf());

        var receipt = _h.Call(id, "init");

        Assert.Equal(StatusCode.WrongParameter, receipt.Status.Code);
        Assert.Contains("not in the contract's abi", receipt.Status.Message);
    }

    [Fact]
    public void A_second_set_code_in_one_transaction_is_a_duplicate()
    {
        var data = System.Text.Json.JsonSerializer.Serialize(new[] { Code, ContractHarness.AbiOf() });

        var receipt = _h.Submit("alice", 10_000_000, new TxAction("system", "setCode", data), new TxAction("system", "setCode", data));

        Assert.Equal(StatusCode.DuplicateSetCode, receipt.Status.Code);
    }
}
