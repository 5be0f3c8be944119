using System.Text.Json;

namespace ActorVm.EndToEnd;

/// <summary>
/// A node in production mode: no dev key, so every transaction must be signed, on every endpoint;
/// the accounts that exist are the ones configured (chain:accounts) and those created on chain.
/// </summary>
public sealed class ProductionModeTests : NodeTest
{
    // A key made for this test, as IOST writes it; "admin" is declared with its public key.
    private const string AdminSecret = "4fvBFWjwbCp6zm785ejnNfCA9ZPTEyfRYCQhWtpuGdxdH8u97cTyDTfEPAT87sSEkkqmkQk2eqZiQiTacDYmxTwB";
    private const string AdminPublic = "EqgxywREQhv1eWM2R645AawPALG7La3vHnLr4RoLzm3j";

    protected override (string Name, string Value)[] Environment =>
        [("ACTORVM_NODE__MODE", "production"), ("ACTORVM_CHAIN__ACCOUNTS__0", $"admin:{AdminPublic}")];

    [Theory]
    [InlineData("/v1/transactions", """{"actions":[{"contract":"token","actionName":"create","data":"[\"gold\",\"admin\",\"100\",\"{}\"]"}],"publisher":"admin"}""")]
    [InlineData("/v1/transactions?wait=true", """{"actions":[{"contract":"token","actionName":"create","data":"[\"gold\",\"admin\",\"100\",\"{}\"]"}]}""")]
    [InlineData("/v1/transactions/batch", """{"transactions":[{"actions":[{"contract":"token","actionName":"create","data":"[\"gold\",\"admin\",\"100\",\"{}\"]"}]}]}""")]
    [InlineData("/v1/contracts", """{"code":"class C {} module.exports = C;","abi":{"abi":[]}}""")]
    public async Task An_unsigned_transaction_is_refused_on_every_v1_endpoint(string path, string body)
    {
        var (status, answer) = await Client.Send(HttpMethod.Post, path, body);

        Assert.Equal(401, status);
        Assert.Contains("production mode", answer["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unsigned_transaction_is_refused_by_the_iost_gateway()
    {
        using var http = new HttpClient { BaseAddress = Node.GatewayAddress };
        var now = (DateTime.UtcNow - DateTime.UnixEpoch).Ticks * 100;
        var tx = JsonSerializer.Serialize(new
        {
            time = now, expiration = now + 90_000_000_000, gas_ratio = 1, gas_limit = 100000, delay = 0, chain_id = 1024, publisher = "admin",
            actions = new[] { new { contract = "token.iost", action_name = "create", data = "[\"gold\",\"admin\",\"100\",{}]" } },
        });

        using var response = await http.PostAsync("/sendTx", new StringContent(tx, System.Text.Encoding.UTF8, "text/plain"));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("no publisher signature", text);
    }

    [Fact]
    public async Task Transactions_signed_by_a_configured_account_run_and_the_dev_key_governs_nothing()
    {
        var steps = await SdkScript.Run(Node.GatewayAddress!, "flow.js", AdminSecret);
        Assert.Equal("SUCCESS", steps["receipt"]["status"]!.GetValue<string>());

        var refusals = await SdkScript.Run(Node.GatewayAddress!, "refusals.js", IostSdkTests.DevSecret).ContinueWith(t => t.Exception?.GetBaseException().Message ?? "ran");
        Assert.Contains("unauthorized publisher: admin", refusals);
    }
}
