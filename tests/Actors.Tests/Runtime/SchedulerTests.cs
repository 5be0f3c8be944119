using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class SchedulerTests : TestKit.TestKit
{
    [Fact]
    public void A_scheduled_tell_arrives_after_its_delay()
    {
        // Timers may fire a tick early by the stopwatch, hence a lower bound below the delay.
        Within(TimeSpan.FromMilliseconds(80), TimeSpan.FromSeconds(2), () =>
        {
            Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "later");
            return ExpectMsg("later");
        });
    }

    [Fact]
    public void A_cancelled_scheduled_tell_never_arrives()
    {
        var scheduled = Sys.Scheduler.ScheduleTellOnce(TimeSpan.FromMilliseconds(100), TestActor, "never");

        scheduled.Cancel();

        Assert.True(scheduled.IsCancellationRequested);
        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    [Fact]
    public void A_repeated_tell_arrives_until_cancelled()
    {
        var repeated = Sys.Scheduler.ScheduleTellRepeatedly(TimeSpan.Zero, TimeSpan.FromMilliseconds(20), TestActor, "tick");

        ExpectMsg("tick");
        ExpectMsg("tick");
        ExpectMsg("tick");
        repeated.Cancel();
        TestActor.ReceiveWhileArriving(TimeSpan.FromMilliseconds(100));

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_single_timer_fires_once()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)));

        actor.Tell(("single", TimeSpan.FromMilliseconds(20)));

        ExpectMsg("single");
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void A_periodic_timer_fires_until_cancelled()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)));

        actor.Tell(("periodic", TimeSpan.FromMilliseconds(20)));
        ExpectMsg("periodic");
        ExpectMsg("periodic");
        actor.Tell("cancel", TestActor);

        FishForCancelled();
        ExpectNoMsg(TimeSpan.FromMilliseconds(150));
    }

    [Fact]
    public void Starting_a_timer_with_a_key_in_use_replaces_it()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)));

        actor.Tell(("single", TimeSpan.FromMilliseconds(100)));
        actor.Tell(("replacement", TimeSpan.FromMilliseconds(100)));

        ExpectMsg("replacement");
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void Timers_are_cancelled_when_the_actor_restarts()
    {
        var actor = Sys.ActorOf(Props.Create(() => new TimerUser(TestActor)));

        actor.Tell(("single", TimeSpan.FromMilliseconds(100)));
        actor.Tell(new InvalidOperationException("restart"));

        ExpectNoMsg(TimeSpan.FromMilliseconds(300));
    }

    private void FishForCancelled() => TestActor.FishForMessage<string>(s => s == "cancelled");

    private sealed class TimerUser : ActorBase
    {
        public TimerUser(IActorRef probe)
        {
            Receive<(string Kind, TimeSpan Delay)>(m =>
            {
                if (m.Kind == "periodic") Timers.StartPeriodicTimer("key", "periodic", m.Delay);
                else Timers.StartSingleTimer("key", m.Kind, m.Delay);
            });
            Receive<string>(s => s == "cancel", _ =>
            {
                Timers.Cancel("key");
                Sender.Tell("cancelled");
            });
            Receive<Exception>(e => throw e);
            Receive<string>(s => probe.Tell(s));
        }
    }
}
