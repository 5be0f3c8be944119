using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class BehaviorTests : TestKit.TestKit
{
    [Fact]
    public void Become_replaces_the_handlers()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));

        actor.Tell("state", TestActor);
        actor.Tell("flip");
        actor.Tell("state", TestActor);

        ExpectMsg("off");
        ExpectMsg("on");
    }

    [Fact]
    public void UnbecomeStacked_returns_to_the_previous_handlers()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Switch()));

        actor.Tell("push");
        actor.Tell("state", TestActor);
        actor.Tell("pop");
        actor.Tell("state", TestActor);

        ExpectMsg("pushed");
        ExpectMsg("off");
    }

    [Fact]
    public void Unstashed_messages_come_back_in_order_before_later_ones()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gatekeeper(TestActor)));

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("open");
        actor.Tell("c");

        ExpectMsg("a");
        ExpectMsg("b");
        ExpectMsg("c");
    }

    [Fact]
    public void Stashed_messages_go_to_dead_letters_when_the_actor_stops()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Gatekeeper(TestActor)));
        actor.Tell("kept");

        Sys.Stop(actor);

        ExpectDeadLetter<string>(m => m == "kept");
    }

    [Fact]
    public void An_async_handler_holds_back_later_messages_until_it_completes()
    {
        var gate = new TaskCompletionSource();
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(gate.Task, TestActor)));

        actor.Tell("slow", TestActor);
        ExpectMsg("slow started");
        actor.Tell("fast", TestActor);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        gate.SetResult();

        ExpectMsg("slow done");
        ExpectMsg("reply to sender");
        ExpectMsg("fast");
    }

    [Fact]
    public void An_async_handler_still_sees_its_sender_after_an_await()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(Task.Delay(10), TestActor)));

        actor.Tell("slow", TestActor);

        ExpectMsg("slow started");
        ExpectMsg("slow done");
        ExpectMsg("reply to sender");
    }

    [Fact]
    public void A_failing_async_handler_is_supervised_like_a_failing_handler()
    {
        var actor = Sys.ActorOf(Props.Create(() => new AsyncWorker(Task.CompletedTask, TestActor)));

        actor.Tell("throw", TestActor);

        ExpectError<InvalidOperationException>(e => e.Cause!.Message == "async failure");
    }

    private sealed class Switch : ActorBase
    {
        public Switch() => Off();

        private void Off()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("off"));
            Receive<string>(s => s == "flip", _ => Become(On));
            Receive<string>(s => s == "push", _ => BecomeStacked(Pushed));
        }

        private void On() => Receive<string>(s => s == "state", _ => Sender.Tell("on"));

        private void Pushed()
        {
            Receive<string>(s => s == "state", _ => Sender.Tell("pushed"));
            Receive<string>(s => s == "pop", _ => UnbecomeStacked());
        }
    }

    private sealed class Gatekeeper : ActorBase
    {
        public Gatekeeper(IActorRef probe)
        {
            Receive<string>(s => s == "open", _ =>
            {
                Become(() => Receive<string>(s => probe.Tell(s)));
                Stash.UnstashAll();
            });
            Receive<string>(_ => Stash.Stash());
        }
    }

    private sealed class AsyncWorker : ActorBase
    {
        public AsyncWorker(Task gate, IActorRef probe)
        {
            ReceiveAsync<string>(s => s == "slow", async _ =>
            {
                probe.Tell("slow started");
                await gate;
                probe.Tell("slow done");
                Sender.Tell("reply to sender");
            });
            ReceiveAsync<string>(s => s == "throw", async _ =>
            {
                await Task.Yield();
                throw new InvalidOperationException("async failure");
            });
            Receive<string>(s => probe.Tell(s));
        }
    }
}
