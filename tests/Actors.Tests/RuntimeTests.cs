using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.Tests;

public sealed class RuntimeTests : IAsyncDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);
    private readonly ActorSystem _system = ActorSystem.Create("test");

    public ValueTask DisposeAsync() => _system.DisposeAsync();

    private sealed record Get;

    private sealed class Recorder : ActorBase
    {
        private readonly List<object> _seen = [];

        public Recorder()
        {
            Receive<Get>(_ => Sender.Tell(_seen.ToList()));
            Receive<string>(s => s == "fail", _ => Sender.Tell(new StatusFailure(new InvalidOperationException("asked to fail"))));
            Receive<string>(s => s == "thread", _ => Sender.Tell(Environment.CurrentManagedThreadId));
            ReceiveAny(m => _seen.Add(m));
        }
    }

    [Fact]
    public async Task Messages_from_one_sender_arrive_in_the_order_they_were_sent()
    {
        var actor = _system.ActorOf(Props.Create(() => new Recorder()), "recorder");

        for (var i = 0; i < 1000; i++) actor.Tell(i);
        var seen = await actor.Ask<List<object>>(new Get(), Timeout);

        Assert.Equal(Enumerable.Range(0, 1000).Cast<object>(), seen);
    }

    [Fact]
    public async Task Ask_fails_with_the_cause_of_a_StatusFailure_reply()
    {
        var actor = _system.ActorOf(Props.Create(() => new Recorder()), "recorder");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<int>("fail", Timeout));

        Assert.Equal("asked to fail", error.Message);
    }

    [Fact]
    public async Task Ask_without_a_reply_fails_with_a_timeout_naming_the_target()
    {
        var actor = _system.ActorOf(Props.Create(() => new Recorder()), "silent");

        var error = await Assert.ThrowsAsync<AskTimeoutException>(() => actor.Ask<int>(42, TimeSpan.FromMilliseconds(50)));

        Assert.Contains("/user/silent", error.Message);
    }

    [Fact]
    public async Task A_pinned_actor_handles_every_message_on_the_same_thread()
    {
        var actor = _system.ActorOf(Props.Create(() => new Recorder()).WithPinnedDispatcher(), "pinned");

        var threads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => actor.Ask<int>("thread", Timeout)));

        Assert.Single(threads.Distinct());
        Assert.NotEqual(Environment.CurrentManagedThreadId, threads[0]);
    }

    [Fact]
    public async Task Messages_to_a_stopped_actor_go_to_dead_letters()
    {
        var actor = _system.ActorOf(Props.Create(() => new Recorder()), "stopped");
        _system.Stop(actor);
        await ((ActorCell)actor).WhenTerminated.WaitAsync(Timeout);

        actor.Tell("lost");

        Assert.Equal(1, _system.DeadLetterCount);
    }
}
