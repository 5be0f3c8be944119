using ActorVm.Actors.Runtime;
using ActorVm.Actors.Runtime.Routing;

namespace ActorVm.Actors.Tests.Routing;

/// <summary>A pool makes its routees when it starts; nothing sent to it before then is lost.</summary>
public sealed class EarlyMessageTests : TestKit.TestKit
{
    private sealed class Echo : ActorBase
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    [Fact]
    public void Messages_sent_to_a_pool_before_its_routees_exist_are_routed_once_they_do()
    {
        var pool = Sys.ActorOf(Props.Create(() => new Echo()).WithRouter(new RoundRobinPool(2)), "early");

        for (var i = 0; i < 5; i++) pool.Tell(i, TestActor);

        var answers = Enumerable.Range(0, 5).Select(_ => ExpectMsg<int>(TimeSpan.FromSeconds(20))).ToList();
        Assert.Equal([0, 1, 2, 3, 4], answers.Order());
    }
}
