using ActorVm.Actors.Runtime;
using static ActorVm.Actors.Tests.Runtime.TestActors;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class MailboxTests : TestKit.TestKit
{
    [Fact]
    public void A_system_message_overtakes_queued_user_messages()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(gate, TestActor)));
        actor.Tell(1);
        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started");
        for (var i = 2; i <= 5; i++) actor.Tell(i);

        Sys.Stop(actor);
        gate.Set();

        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "done" && (int)m.Item2 == 1);
        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
        for (var i = 2; i <= 5; i++) ExpectDeadLetter<int>();
    }

    [Fact]
    public void A_full_bounded_mailbox_drops_the_newest_message_to_dead_letters_without_blocking()
    {
        using var gate = new ManualResetEventSlim();
        var actor = Sys.ActorOf(Props.Create(() => new Gated(gate, TestActor)).WithMailbox(MailboxOptions.Bounded(2)));
        actor.Tell(1);
        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started");

        Within(TimeSpan.FromSeconds(1), () =>
        {
            actor.Tell(2);
            actor.Tell(3);
            actor.Tell(4);
        });

        ExpectDeadLetter<int>(m => m == 4);
        gate.Set();
        foreach (var expected in new[] { 1, 2, 3 })
        {
            ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "done" && (int)m.Item2 == expected);
            if (expected < 3) ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started");
        }
    }

    [Fact]
    public void A_full_bounded_mailbox_with_drop_oldest_keeps_the_newest()
    {
        using var gate = new ManualResetEventSlim();
        var props = Props.Create(() => new Gated(gate, TestActor)).WithMailbox(MailboxOptions.Bounded(2, OverflowPolicy.DropOldest));
        var actor = Sys.ActorOf(props);
        actor.Tell(1);
        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started");

        actor.Tell(2);
        actor.Tell(3);
        actor.Tell(4);

        ExpectDeadLetter<int>(m => m == 2);
        gate.Set();
        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "done" && (int)m.Item2 == 1);
        ExpectMsg<(string, object, IActorRef)>(m => m.Item1 == "started" && (int)m.Item2 == 3);
    }

    [Fact]
    public void A_bounded_mailbox_needs_a_positive_capacity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MailboxOptions.Bounded(0));
    }
}
