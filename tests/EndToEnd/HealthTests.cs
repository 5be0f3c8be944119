namespace ActorVm.EndToEnd;

/// <summary>/healthz and /readyz, as a liveness and a readiness probe read them.</summary>
public sealed class HealthTests : NodeTest
{
    [Fact]
    public async Task A_serving_node_is_alive_and_ready()
    {
        var (aliveStatus, alive) = await Client.Send(HttpMethod.Get, "/healthz");
        var (readyStatus, ready) = await Client.Send(HttpMethod.Get, "/readyz");

        Assert.Equal((200, "alive"), (aliveStatus, alive["status"]!.GetValue<string>()));
        Assert.Equal((200, "ready"), (readyStatus, ready["status"]!.GetValue<string>()));
    }
}
