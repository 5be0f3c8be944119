using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class ReplayFilterTests
{
    private static readonly long Now = 1_700_000_000L * 1_000_000_000;

    [Fact]
    public void Every_key_added_may_be_held()
    {
        var filter = new ReplayFilter(long.MinValue);
        var keys = Enumerable.Range(0, 50_000).Select(i => $"key-{i}").ToList();

        foreach (var key in keys) filter.Add(key, Now);

        Assert.All(keys, key => Assert.True(filter.MayHold(key, Now)));
    }

    [Fact]
    public void Few_keys_never_added_may_be_held()
    {
        var filter = new ReplayFilter(long.MinValue);
        for (var i = 0; i < 100_000; i++) filter.Add($"added-{i}", Now);

        var maybe = Enumerable.Range(0, 100_000).Count(i => filter.MayHold($"other-{i}", Now));

        Assert.InRange(maybe, 0, 3_000);
    }

    [Fact]
    public void A_time_no_committed_transaction_had_is_not_held()
    {
        var filter = new ReplayFilter(long.MinValue);
        filter.Add("k", Now);

        Assert.False(filter.MayHold("k", Now + 10 * ReplayFilter.SpanNanos));
    }

    [Fact]
    public void A_time_at_or_before_what_was_committed_before_the_filter_is_always_maybe()
    {
        var filter = new ReplayFilter(completeAfter: Now);

        Assert.True(filter.MayHold("never-added", Now));
        Assert.True(filter.MayHold("never-added", Now - 1));
        Assert.False(filter.MayHold("never-added", Now + 1));
    }

    [Fact]
    public void A_filter_that_does_not_know_what_came_before_it_is_always_maybe()
    {
        var filter = new ReplayFilter(completeAfter: long.MaxValue);

        Assert.True(filter.MayHold("never-added", Now));
    }

    [Fact]
    public void A_span_let_go_of_is_maybe_again_for_every_key()
    {
        var filter = new ReplayFilter(long.MinValue);
        filter.Add("old", Now);
        filter.Add("new", Now + 5 * ReplayFilter.SpanNanos);

        filter.ForgetBefore(Now + 2 * ReplayFilter.SpanNanos);

        Assert.Equal(1, filter.Spans);
        Assert.True(filter.MayHold("never-added", Now));
        Assert.True(filter.MayHold("new", Now + 5 * ReplayFilter.SpanNanos));
        Assert.False(filter.MayHold("never-added", Now + 5 * ReplayFilter.SpanNanos));
    }

    [Fact]
    public void A_key_added_without_a_time_may_be_held_at_any_time()
    {
        var filter = new ReplayFilter(long.MinValue);

        filter.Add("untimed", null);

        Assert.True(filter.MayHold("untimed", Now));
        Assert.True(filter.MayHold("untimed", -Now));
    }

    [Fact]
    public async Task A_reader_on_another_thread_never_misses_a_key_added_before_it_asked()
    {
        var filter = new ReplayFilter(long.MinValue);
        var added = 0;
        var missed = 0;
        using var stop = new CancellationTokenSource();
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var upTo = Volatile.Read(ref added);
                for (var i = Math.Max(0, upTo - 100); i < upTo; i++)
                    if (!filter.MayHold($"k{i}", Now + i / 1_000 * ReplayFilter.SpanNanos)) Interlocked.Increment(ref missed);
            }
        });

        // Across many spans and growing filters, with spans let go of as it goes.
        for (var i = 0; i < 600_000; i++)
        {
            filter.Add($"k{i}", Now + i / 1_000 * ReplayFilter.SpanNanos);
            Volatile.Write(ref added, i + 1);
            if (i % 10_000 == 0) filter.ForgetBefore(Now + (i / 1_000 - 50) * ReplayFilter.SpanNanos);
        }
        stop.Cancel();
        await reader;

        Assert.Equal(0, missed);
    }
}
