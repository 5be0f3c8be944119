using ActorVm.Actors.Runtime;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class DeathWatchTests : TestKit.TestKit
{
    [Fact]
    public void A_watcher_gets_Terminated_when_the_watched_actor_stops()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Echo()));
        Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)));
        ExpectMsg("watching");

        Sys.Stop(subject);

        ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, subject));
    }

    [Fact]
    public void Watching_an_actor_that_is_already_dead_delivers_Terminated()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Echo()));
        Watch(subject);
        Sys.Stop(subject);
        ExpectTerminated(subject);

        Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)));

        ExpectMsg("watching");
        ExpectMsg<Terminated>(t => ReferenceEquals(t.ActorRef, subject));
    }

    [Fact]
    public void Terminated_is_delivered_once_even_when_watched_twice()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Echo()));
        Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor, times: 2)));
        ExpectMsg("watching");

        Sys.Stop(subject);

        ExpectMsg<Terminated>();
        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void After_unwatch_no_Terminated_arrives()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Echo()));
        var watcher = Sys.ActorOf(Props.Create(() => new Watcher(subject, TestActor)));
        ExpectMsg("watching");
        watcher.Tell("unwatch", TestActor);
        ExpectMsg("unwatched");

        Sys.Stop(subject);

        ExpectNoMsg(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public void An_unhandled_Terminated_stops_the_watcher_with_a_death_pact()
    {
        var subject = Sys.ActorOf(Props.Create(() => new Echo()));
        var watcher = Sys.ActorOf(Props.Create(() => new SilentWatcher(subject)));
        Watch(watcher);

        Sys.Stop(subject);

        ExpectTerminated(watcher);
        ExpectError<DeathPactException>();
    }

    private sealed class Watcher : ActorBase
    {
        public Watcher(IActorRef subject, IActorRef probe, int times = 1)
        {
            for (var i = 0; i < times; i++) Context.Watch(subject);
            probe.Tell("watching");
            Receive<Terminated>(t => probe.Tell(t));
            Receive<string>(s => s == "unwatch", _ =>
            {
                Context.Unwatch(subject);
                Sender.Tell("unwatched");
            });
        }
    }

    private sealed class SilentWatcher : ActorBase
    {
        public SilentWatcher(IActorRef subject) => Context.Watch(subject);
    }
}
