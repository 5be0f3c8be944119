using ActorVm.Contracts.Chain;
using ActorVm.Contracts.Execution;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// The gas of host calls, to the unit: a receipt's gas is consensus, so any change to how the runtime
/// charges them (its own code, not only the price list) must show here first.
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
}
