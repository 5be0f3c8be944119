using ActorVm.Contracts.Tests.Genesis;

namespace ActorVm.EndToEnd;

/// <summary>
/// A node started with go-iost's genesis (its nine contracts, unmodified, from the genesis folder) and
/// IOST's local node configuration: IOST's JS SDK creates an account with RAM and gas, trades RAM,
/// pledges gas, adds a permission, and uses tokens, token721 and domain.iost, all through its own calls.
/// </summary>
public sealed class IostGenesisSdkTests : NodeTest
{
    protected override (string Name, string Value)[] Environment => [("ACTORVM_CHAIN__GENESIS", IostGenesisFolder.Path!)];

    [IostGenesisFact]
    public async Task The_sdk_creates_an_account_with_ram_and_gas_and_trades_them_on_the_iost_genesis()
    {
        var steps = await SdkScript.Run(Node.GatewayAddress!, "genesis-flow.js", IostSdkTests.IostAdminSecret);

        Assert.Equal("0", steps["chain"]["genesis_witness"]!.GetValue<string>());
        Assert.Equal("1", steps["chain"]["genesis_txs"]!.GetValue<string>());
        Assert.Equal("SUCCESS", steps["newAccount"]["status"]!.GetValue<string>());
        Assert.Equal("1024", steps["newAccount"]["ram"]!.GetValue<string>());
        Assert.True(steps["newAccount"]["gas"]!.GetValue<double>() >= 2_000_000);
        Assert.Single(steps["ram"]["bought"]!.AsArray());
        Assert.Equal("2424", steps["ram"]["available"]!.GetValue<string>());
        Assert.Equal(30 * 300_000.0 + 20 * 300_000.0, steps["gas"]["limit"]!.GetValue<double>());
        Assert.Equal("SUCCESS", steps["gas"]["unpledge"]!.GetValue<string>());
        Assert.Equal(45 * 300_000.0, steps["gas"]["limitAfter"]!.GetValue<double>());
        Assert.True(steps["permission"]["has"]!.GetValue<bool>());
        Assert.True(long.Parse(steps["permission"]["ram"]!.GetValue<string>()) > 0);
        Assert.Equal("SUCCESS", steps["token"]["status"]!.GetValue<string>());
        Assert.Equal(40, steps["token"]["balance"]!.GetValue<double>());
        Assert.Equal("SUCCESS", steps["domain"]["status"]!.GetValue<string>());
        Assert.Equal("1", steps["token721"]["balance"]!.GetValue<string>());
    }
}
