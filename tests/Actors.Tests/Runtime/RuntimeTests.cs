using ActorVm.Actors.Runtime;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class RuntimeTests : TestKit.TestKit
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public void Messages_from_one_sender_arrive_in_the_order_they_were_sent()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        for (var i = 0; i < 1000; i++) echo.Tell(i, TestActor);

        for (var i = 0; i < 1000; i++) ExpectMsg(i);
    }

    [Fact]
    public void Forward_keeps_the_original_sender()
    {
        var probe = CreateTestProbe();
        var forwarder = Sys.ActorOf(Props.Create(() => new ForwardTo(probe)));

        forwarder.Tell("hello", TestActor);

        probe.ExpectMsg("hello");
        Assert.Same(TestActor, probe.LastSender);
    }

    [Fact]
    public void A_tell_without_sender_inside_an_actor_has_the_actor_as_sender()
    {
        var probe = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new TellTo(probe)));

        actor.Tell("go");

        probe.ExpectMsg("go");
        Assert.Same(actor, probe.LastSender);
    }

    [Fact]
    public async Task Ask_completes_with_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        Assert.Equal(42, await echo.Ask<int>(42, Timeout));
    }

    [Fact]
    public async Task Ask_fails_with_the_cause_of_a_StatusFailure_reply()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            echo.Ask<int>(new StatusFailure(new InvalidOperationException("asked to fail")), Timeout));

        Assert.Equal("asked to fail", error.Message);
    }

    [Fact]
    public async Task Ask_without_a_reply_fails_with_a_timeout_naming_the_target()
    {
        var silent = Sys.ActorOf(Props.Create(() => new Counter()), "silent");

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.Ask<int>("inc", TimeSpan.FromMilliseconds(50)));

        Assert.Contains("/user/silent", error.Message);
    }

    [Fact]
    public async Task Ask_with_a_reply_of_the_wrong_type_fails_clearly()
    {
        var echo = Sys.ActorOf(Props.Create(() => new Echo()));

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => echo.Ask<int>("text", Timeout));

        Assert.Contains("String", error.Message);
    }

    [Fact]
    public async Task A_pinned_actor_handles_every_message_on_the_same_dedicated_thread()
    {
        var actor = Sys.ActorOf(Props.Create(() => new ThreadReporter()).WithPinnedDispatcher());

        var threads = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => actor.Ask<int>("thread", Timeout)));

        Assert.Single(threads.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0]);
    }

    [Fact]
    public void An_actor_cannot_be_made_with_new()
    {
        var error = Assert.Throws<InvalidOperationException>(() => new Echo());

        Assert.Contains("Props.Create", error.Message);
    }

    [Fact]
    public void Two_children_of_one_parent_cannot_share_a_name()
    {
        Sys.ActorOf(Props.Create(() => new Echo()), "twin");

        Assert.Throws<InvalidOperationException>(() => Sys.ActorOf(Props.Create(() => new Echo()), "twin"));
    }

    private sealed class ForwardTo : ActorBase
    {
        public ForwardTo(IActorRef target) => ReceiveAny(m => target.Forward(m, Context));
    }

    private sealed class TellTo : ActorBase
    {
        public TellTo(IActorRef target) => ReceiveAny(m => target.Tell(m));
    }

    private sealed class ThreadReporter : ActorBase
    {
        public ThreadReporter() => ReceiveAny(_ => Sender.Tell(Environment.CurrentManagedThreadId));
    }
}
