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
    public void The_least_recently_used_entry_is_evicted_when_bytes_run_out()
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
