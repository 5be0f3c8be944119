using System.Runtime.CompilerServices;
using ActorVm.Actors.Runtime;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class LifecycleTests : TestKit.TestKit
{
    [Fact]
    public void PreStart_runs_before_the_first_message_and_PostStop_after_stop()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Reporter(TestActor)), "r");
        actor.Tell("hello");

        ExpectMsg("/user/r:PreStart");
        ExpectMsg("hello");
        Sys.Stop(actor);
        ExpectMsg("/user/r:PostStop");
    }

    [Fact]
    public void Stop_sends_the_messages_still_queued_to_dead_letters()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(gate, TestActor)));
        actor.Tell(1);
        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started");
        actor.Tell(2);
        actor.Tell(3);

        Sys.Stop(actor);
        gate.Set();

        ExpectDeadLetter<int>(m => m == 2);
        ExpectDeadLetter<int>(m => m == 3);
    }

    [Fact]
    public void Children_stop_before_their_parent()
    {
        var reports = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.Default)), "parent");
        parent.Tell((Props.Create(() => new Reporter(reports)), "child"), TestActor);
        reports.ExpectMsg("/user/parent/child:PreStart");
        reports.Watch(parent);

        Sys.Stop(parent);

        reports.ExpectMsg("/user/parent/child:PostStop");
        reports.ExpectTerminated(parent);
    }

    [Fact]
    public void A_poison_pill_stops_the_actor_after_the_messages_queued_before_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Reporter(TestActor)), "p");
        ExpectMsg("/user/p:PreStart");

        actor.Tell("before");
        actor.Tell(PoisonPill.Instance);
        ExpectMsg("before");
        ExpectMsg("/user/p:PostStop");
        actor.Tell("after");

        ExpectDeadLetter<string>(m => m == "after");
    }

    [Fact]
    public void Kill_stops_the_actor_under_the_default_decider()
    {
        var actor = Sys.ActorOf(Props.Create(() => new Echo()));
        Watch(actor);

        actor.Tell(Kill.Instance);

        ExpectTerminated(actor);
        ExpectError<ActorKilledException>();
    }

    [Fact]
    public void A_restart_calls_PreRestart_on_the_old_instance_and_PostRestart_on_the_new()
    {
        var instances = new StrongBox<int>();
        var actor = Sys.ActorOf(Props.Create(() => new RestartReporter(TestActor, instances)));
        ExpectMsg("PreStart 1");

        actor.Tell("boom");

        ExpectMsg("PreRestart 1 after boom");
        ExpectMsg("PostRestart 2");
        ExpectMsg("PreStart 2");
    }

    [Fact]
    public void A_restart_resets_the_actor_state()
    {
        var counter = Sys.ActorOf(Props.Create(() => new Counter()));
        counter.Tell("inc");
        counter.Tell("inc");

        counter.Tell(new InvalidOperationException("fail"));
        counter.Tell("get", TestActor);

        ExpectMsg(0);
    }

    [Fact]
    public void The_mailbox_survives_a_restart_and_the_failing_message_is_not_retried()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new FailOnBoomAfterGate(gate, TestActor)));
        actor.Tell("boom");
        actor.Tell("after-1");
        actor.Tell("after-2");

        gate.Set();

        ExpectMsg("after-1");
        ExpectMsg("after-2");
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void The_default_PreRestart_stops_the_children()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.Default)));
        var grandParent = Sys.ActorOf(Props.Create(() => new ParentThatFails(TestActor)));
        var child = ExpectMsg<IActorRef>();
        Watch(child);

        grandParent.Tell("fail");

        ExpectTerminated(child);
        Assert.NotNull(parent);
    }

    [Fact]
    public void A_failing_constructor_stops_the_actor_with_an_initialization_error()
    {
        var actor = Sys.ActorOf(Props.Create(() => new FailingConstructor()));
        Watch(actor);

        ExpectTerminated(actor);
        ExpectError<ActorInitializationException>();
    }

    [Fact]
    public async Task Terminating_the_system_stops_every_actor_children_first()
    {
        var reports = CreateTestProbe();
        var parent = Sys.ActorOf(Props.Create(() => new Supervisor(SupervisorStrategy.Default)), "top");
        parent.Tell((Props.Create(() => new Reporter(reports)), "leaf"), TestActor);
        reports.ExpectMsg("/user/top/leaf:PreStart");

        await Sys.Terminate(TimeSpan.FromSeconds(5));

        reports.ExpectMsg("/user/top/leaf:PostStop");
        Assert.True(Sys.WhenTerminated.IsCompleted);
    }

    private sealed class RestartReporter : ActorBase
    {
        private readonly int _instance;
        private readonly IActorRef _probe;

        public RestartReporter(IActorRef probe, StrongBox<int> instances)
        {
            _probe = probe;
            _instance = ++instances.Value;
            Receive<string>(s => throw new InvalidOperationException(s));
        }

        protected internal override void PreStart() => _probe.Tell($"PreStart {_instance}");

        protected internal override void PreRestart(Exception reason, object? message)
        {
            _probe.Tell($"PreRestart {_instance} after {message}");
            base.PreRestart(reason, message);
        }

        protected internal override void PostRestart(Exception reason)
        {
            _probe.Tell($"PostRestart {_instance}");
            base.PostRestart(reason);
        }
    }

    private sealed class FailOnBoomAfterGate : ActorBase
    {
        public FailOnBoomAfterGate(ManualResetEventSlim gate, IActorRef probe)
        {
            Receive<string>(s => s == "boom", _ =>
            {
                gate.Wait(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException("boom");
            });
            Receive<string>(s => probe.Tell(s));
        }
    }

    private sealed class ParentThatFails : ActorBase
    {
        public ParentThatFails(IActorRef probe)
        {
            Receive<string>(_ => throw new InvalidOperationException("parent fails"));
            probe.Tell(Context.ActorOf(Props.Create(() => new Echo())));
        }
    }

    private sealed class FailingConstructor : ActorBase
    {
        public FailingConstructor() => throw new InvalidOperationException("cannot start");
    }
}
