using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class ReadCacheTests
{
    [Fact]
    public void A_cached_value_is_a_hit_and_a_missing_key_a_miss()
    {
        var cache = new ReadCache(10_000);
        cache.Set("k", "v");

        Assert.True(cache.TryGet("k", out var value));
        Assert.Equal("v", value);
        Assert.False(cache.TryGet("other", out _));
    }

    [Fact]
    public void Absence_is_cached_too()
    {
        var cache = new ReadCache(10_000);
        cache.Set("gone", null);

        Assert.True(cache.TryGet("gone", out var value));
        Assert.Null(value);
    }

    [Fact]
    public void The_oldest_entry_not_read_since_is_evicted_when_bytes_run_out()
    {
        var cache = new ReadCache(3 * (64 + 2 * 2));
        cache.Set("a", "1");
        cache.Set("b", "2");
        cache.Set("c", "3");
        cache.TryGet("a", out _);

        cache.Set("d", "4");

        Assert.True(cache.TryGet("a", out _));
        Assert.False(cache.TryGet("b", out _));
        Assert.Equal(3, cache.Count);
    }

    [Fact]
    public void Setting_a_key_again_replaces_its_value_and_its_bytes()
    {
        var cache = new ReadCache(10_000);
        cache.Set("k", "short");

        cache.Set("k", "a longer value");

        Assert.True(cache.TryGet("k", out var value));
        Assert.Equal("a longer value", value);
        Assert.Equal(1, cache.Count);
        Assert.Equal(64 + 2 * ("k".Length + "a longer value".Length), cache.Bytes);
    }

    [Fact]
    public void An_entry_read_again_and_again_outlives_many_that_are_never_read()
    {
        var cache = new ReadCache(10 * (64 + 2 * 4));
        cache.Set("keep", "");

        for (var i = 0; i < 1_000; i++)
        {
            Assert.True(cache.TryGet("keep", out _));
            cache.Set($"k{i:000}", "");
        }

        Assert.True(cache.TryGet("keep", out _));
        Assert.InRange(cache.Bytes, 1, 10 * (64 + 2 * 4));
    }

    [Fact]
    public void A_key_whose_new_value_is_too_large_is_not_left_with_its_old_one()
    {
        var cache = new ReadCache(1_000);
        cache.Set("k", "old");

        cache.Set("k", new string('x', 1_000));

        Assert.False(cache.TryGet("k", out _));
        Assert.Equal(0, cache.Bytes);
    }

    [Fact]
    public async Task Readers_on_other_threads_see_only_values_that_were_set()
    {
        var cache = new ReadCache(20 * (64 + 2 * 8));
        using var stop = new CancellationTokenSource();
        var wrong = 0;
        var readers = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                for (var i = 0; i < 50; i++)
                    if (cache.TryGet($"k{i}", out var value) && value != $"v{i}" && value != $"w{i}") Interlocked.Increment(ref wrong);
        })).ToArray();

        for (var round = 0; round < 2_000; round++)
            for (var i = 0; i < 50; i++) cache.Set($"k{i}", round % 2 == 0 ? $"v{i}" : $"w{i}");
        stop.Cancel();
        await Task.WhenAll(readers);

        Assert.Equal(0, wrong);
        Assert.InRange(cache.Bytes, 1, 20 * (64 + 2 * 8));
    }

    [Fact]
    public void The_cache_never_holds_more_bytes_than_its_capacity()
    {
        var cache = new ReadCache(1_000);

        for (var i = 0; i < 100; i++) cache.Set($"key{i}", new string('x', i));

        Assert.InRange(cache.Bytes, 1, 1_000);
    }

    [Fact]
    public void A_value_larger_than_the_whole_cache_is_not_kept()
    {
        var cache = new ReadCache(100);

        cache.Set("big", new string('x', 1_000));

        Assert.False(cache.TryGet("big", out _));
    }
}
