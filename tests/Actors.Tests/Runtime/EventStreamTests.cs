using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.Tests.Runtime;

public sealed class EventStreamTests : TestKit.TestKit
{
    private sealed record Animal(string Name);

    [Fact]
    public void A_subscriber_gets_events_of_its_channel_and_its_subtypes()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(object));

        Sys.EventStream.Publish(new Animal("cat"));

        ExpectMsg(new Animal("cat"));
    }

    [Fact]
    public void A_subscriber_does_not_get_events_of_other_channels()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));

        Sys.EventStream.Publish("not an animal");

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void After_unsubscribe_no_event_arrives()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(Animal));

        Sys.EventStream.Unsubscribe(TestActor);
        Sys.EventStream.Publish(new Animal("dog"));

        ExpectNoMsg(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void A_message_no_handler_takes_is_published_as_unhandled()
    {
        Sys.EventStream.Subscribe(TestActor, typeof(UnhandledMessage));
        var actor = Sys.ActorOf(Props.Create(() => new OnlyStrings()));

        actor.Tell(42);

        ExpectMsg<UnhandledMessage>(u => u.Message is 42 && ReferenceEquals(u.Recipient, actor));
    }

    [Fact]
    public void Messages_to_dead_letters_are_published_and_counted()
    {
        Sys.DeadLetters.Tell("lost");

        ExpectDeadLetter<string>(m => m == "lost");
        Assert.Equal(1, Sys.DeadLetterCount);
    }

    private sealed class OnlyStrings : ActorBase
    {
        public OnlyStrings() => Receive<string>(_ => { });
    }
}
