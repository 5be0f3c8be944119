namespace ActorVm.EndToEnd;

/// <summary>A web page cannot use a node it was not meant to: Host, Origin and Content-Type are checked.</summary>
public sealed class BrowserSafetyTests : NodeTest
{
    private const string Transaction = """{"actions":[{"contract":"token","actionName":"create","data":"[\"gold\",\"alice\",\"100\",\"{}\"]"}]}""";

    private static async Task<(int Status, string Body)> Send(Uri server, string path, string body, string contentType, params (string Name, string Value)[] headers)
    {
        using var http = new HttpClient { BaseAddress = server };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, System.Text.Encoding.UTF8, contentType) };
        foreach (var (name, value) in headers)
        {
            if (name == "Host") request.Headers.Host = value;
            else request.Headers.Add(name, value);
        }
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_write_sent_as_text_plain_is_refused()
    {
        var (status, body) = await Send(Node.BaseAddress, "/v1/transactions", Transaction, "text/plain");

        Assert.Equal(415, status);
        Assert.Contains("application/json", body);
    }

    [Fact]
    public async Task A_host_name_the_node_does_not_answer_to_is_refused()
    {
        var (status, body) = await Send(Node.BaseAddress, "/v1/transactions", Transaction, "application/json", ("Host", "attacker.example"));

        Assert.Equal(421, status);
        Assert.Contains("attacker.example", body);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_cross_site_post_from_an_origin_not_allowed_is_refused_on_both_apis(bool gateway)
    {
        var (server, path) = gateway ? (Node.GatewayAddress!, "/sendTx") : (Node.BaseAddress, "/v1/transactions");

        var (status, body) = await Send(server, path, Transaction, gateway ? "text/plain" : "application/json", ("Origin", "https://attacker.example"));

        Assert.Equal(403, status);
        Assert.Contains("attacker.example", body);
    }
}
