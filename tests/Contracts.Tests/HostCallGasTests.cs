using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// The gas of host calls and of calls, to the unit: a receipt's gas is consensus, so any change to how
/// the runtime charges them (its own code, not only the price list) must show here first.
/// </summary>
public sealed class HostCallGasTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData("storage.put('k', 'v');", 134)]
    [InlineData("storage.put('k', 'v'); return storage.get('k');", 225)]
    [InlineData("return storage.has('nothing');", 120)]
    [InlineData("storage.mapPut('m', 'f', 'value'); return storage.mapGet('m', 'f');", 241)]
    [InlineData("return blockchain.requireAuth('alice', 'active');", 125)]
    [InlineData("blockchain.receipt('done'); blockchain.event('seen');", 143)]
    public void A_host_call_costs_what_it_cost_before(string body, long gas)
    {
        var receipt = _h.Run(body);

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(gas, receipt.GasUsed);
    }

    [Theory]
    [InlineData(0, "[]", 59)]
    [InlineData(3, "[1, \"two\", [3]]", 62)]
    public void A_call_costs_what_it_cost_before_whatever_its_arguments(int arity, string args, long gas)
    {
        var parameters = string.Join(", ", Enumerable.Range(0, arity).Select(i => $"a{i}"));
        var id = _h.DeployClass($"f({parameters}) {{ return arguments.length; }}", ("f", arity));

        var receipt = _h.Call(id, "f", args);

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(gas, receipt.GasUsed);
    }

    [Fact]
    public void A_nested_call_costs_what_it_cost_before()
    {
        var callee = _h.DeployClass("twice(n) { return n * 2; }", ("twice", 1));

        var receipt = _h.Run($"return blockchain.call('{callee}', 'twice', [21]);");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        // The callee's id crosses to the host at one unit per character; its length (51 or 52) comes
        // from the hash of the transaction that deployed it.
        Assert.Equal(754 + callee.Length, receipt.GasUsed);
    }
}
