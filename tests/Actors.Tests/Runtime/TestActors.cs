using ActorVm.Actors.Runtime;

namespace ActorVm.Actors.Tests.Runtime;

/// <summary>Small actors the specs share.</summary>
internal static class TestActors
{
    /// <summary>Replies to every message with the same message.</summary>
    public sealed class Echo : ActorBase
    {
        public Echo() => ReceiveAny(m => Sender.Tell(m));
    }

    /// <summary>Forwards everything it gets, and its lifecycle events, to a probe.</summary>
    public sealed class Reporter : ActorBase
    {
        private readonly IActorRef _probe;

        public Reporter(IActorRef probe)
        {
            _probe = probe;
            Receive<Exception>(e => throw e);
            ReceiveAny(m => _probe.Tell(m));
        }

        protected internal override void PreStart() => _probe.Tell($"{Self.Path}:PreStart");
        protected internal override void PostStop() => _probe.Tell($"{Self.Path}:PostStop");
    }

    /// <summary>Counts "inc", answers "get" with the count, throws the exceptions it is sent.</summary>
    public sealed class Counter : ActorBase
    {
        private int _count;

        public Counter(IActorRef? probe = null)
        {
            Receive<string>(s => s == "inc", _ => _count++);
            Receive<string>(s => s == "get", _ => Sender.Tell(_count));
            Receive<Exception>(e => throw e);
            if (probe is not null) ReceiveAny(m => probe.Tell(m));
        }
    }

    /// <summary>Handles each message by waiting on a gate first, so a test controls when it is busy.</summary>
    public sealed class Gated : ActorBase
    {
        public Gated(ManualResetEventSlim gate, IActorRef probe) =>
            ReceiveAny(m =>
            {
                probe.Tell(("started", m, Self));
                gate.Wait(TimeSpan.FromSeconds(10));
                probe.Tell(("done", m, Self));
            });
    }

    /// <summary>A parent that supervises with the given strategy and creates children on request.</summary>
    public sealed class Supervisor : ActorBase
    {
        private readonly SupervisorStrategy _strategy;

        public Supervisor(SupervisorStrategy strategy)
        {
            _strategy = strategy;
            Receive<Props>(p => Sender.Tell(Context.ActorOf(p)));
            Receive<(Props Props, string Name)>(p => Sender.Tell(Context.ActorOf(p.Props, p.Name)));
        }

        protected internal override SupervisorStrategy SupervisorStrategy() => _strategy;
    }
}
