namespace ActorVm.EndToEnd;

/// <summary>
/// IOST's JS SDK (npm iost@0.1.22, installed by scripts/bootstrap.sh into tests/EndToEnd/sdk), unchanged,
/// against a dev node's IOST gateway: accounts, signed transfers, a contract published as iwallet does,
/// receipts, storage and balances; and the transactions a node must refuse, each with its reason.
/// </summary>
public sealed class IostSdkTests : NodeTest
{
    /// <summary>The dev key's secret (public by design: it governs a dev chain's unclaimed names), as IOST writes ed25519 keys.</summary>
    public const string DevSecret = "3pSPA7eskSQRmCsXHDgJfuqxZ71b2VTbTnE7e7WPUCTBM5YLJGZPuZenGU3hU2tpJckacv9yfbhsKMEGbRNZtd3r";

    /// <summary>The admin key of IOST's local node (go-iost's config/dev_admin_key.json), which a dev genesis gives admin.</summary>
    public const string IostAdminSecret = "2yquS3ySrGWPEKywCPzX4RTJugqRh7kJSo5aehsLYPEWkUxBWA39oMrZ7ZxuM4fgyXYs2cPwh5n8aNNpH5x2VyK1";

    [Fact]
    public async Task The_sdk_creates_an_account_transfers_publishes_and_calls_a_contract_and_reads_it_all_back()
    {
        var steps = await SdkScript.Run(Node.GatewayAddress!, "flow.js", IostAdminSecret);

        Assert.Equal(1024, steps["chain"]["chain_id"]!.GetValue<int>());
        Assert.Equal("SUCCESS", steps["newAccount"]["status"]!.GetValue<string>());
        Assert.True(steps["newAccount"]["active"]!.GetValue<bool>());
        Assert.Equal("auth.iost/signUp", steps["newAccount"]["receipt"]!.GetValue<string>());
        Assert.Equal("SUCCESS", steps["transfer"]["status"]!.GetValue<string>());
        Assert.Equal(10.5, steps["transfer"]["balance"]!.GetValue<double>());
        Assert.Equal(10.5, steps["frozen"]["balance"]!.GetValue<double>());
        Assert.Equal(2, steps["frozen"]["frozen"]![0]!["amount"]!.GetValue<double>());
        Assert.Equal("SUCCESS", steps["transferBack"]["status"]!.GetValue<string>());
        Assert.Equal(10, steps["transferBack"]["balance"]!.GetValue<double>());
        Assert.StartsWith("Contract", steps["contract"]["id"]!.GetValue<string>());
        Assert.Equal("""["hello, iost"]""", steps["contract"]["returns"]![0]!.GetValue<string>());
        Assert.Equal("hello, iost", steps["contract"]["stored"]!.GetValue<string>());
        Assert.Equal("greet", steps["contract"]["abi"]![0]!.GetValue<string>());
        Assert.Equal("[\"hello, by name\"]", steps["domain"]["returns"]![0]!.GetValue<string>());
        Assert.Equal("[\"0\"]", steps["token721"]["issued"]![0]!.GetValue<string>());
        Assert.Equal("1", steps["token721"]["balance"]!.GetValue<string>());
        Assert.Equal("0", steps["token721"]["ids"]![0]!.GetValue<string>());
        Assert.Equal(steps["newAccount"]["name"]!.GetValue<string>(), steps["token721"]["owner"]!.GetValue<string>());
        Assert.Equal("{\"title\":\"first\"}", steps["token721"]["metadata"]!.GetValue<string>());
        Assert.Equal("SUCCESS", steps["receipt"]["status"]!.GetValue<string>());
        Assert.Equal(steps["newAccount"]["name"]!.GetValue<string>(), steps["receipt"]["publisher"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_key_too_little_weight_expired_replayed_and_other_chain_transactions_are_refused_with_the_reason()
    {
        var steps = await SdkScript.Run(Node.GatewayAddress!, "refusals.js", IostAdminSecret);
        string Error(string step) => steps[step]["error"]?.GetValue<string>() ?? $"{step} was accepted: {steps[step].ToJsonString()}";

        Assert.Contains("unauthorized publisher: admin", Error("wrongKey"));
        Assert.Contains("invalid chain_id, should be 1024, yours: 1020", Error("otherChain"));
        Assert.Contains("transaction expired", Error("expired"));
        Assert.Contains("already in a committed block", Error("replayed"));
        Assert.Equal("SUCCESS", steps["lowered"]["status"]!.GetValue<string>());
        Assert.Contains("unauthorized publisher: lw", Error("tooLittleWeight"));
        Assert.NotNull(steps["ownerStillSigns"]["accepted"]);
    }
}
