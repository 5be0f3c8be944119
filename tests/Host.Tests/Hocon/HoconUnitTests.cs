using ActorVm.Host.Config.Hocon;

namespace ActorVm.Host.Tests.Hocon;

public sealed class HoconUnitTests
{
    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("2 s", 2_000)]
    [InlineData("1 minute", 60_000)]
    [InlineData("10", 10)]
    [InlineData(" 1.5 seconds ", 1_500)]
    [InlineData("3 hours", 10_800_000)]
    [InlineData("1d", 86_400_000)]
    [InlineData("250000 us", 250)]
    [InlineData("2000000nanoseconds", 2)]
    public void Durations_take_the_spec_units_and_default_to_milliseconds(string text, double milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), HoconDuration.Parse(text));
    }

    [Theory]
    [InlineData("1 S")]
    [InlineData("5 fortnights")]
    [InlineData("soon")]
    public void Duration_units_outside_the_spec_list_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => HoconDuration.Parse(text));
    }

    [Theory]
    [InlineData("128MiB", 128L * 1024 * 1024)]
    [InlineData("64M", 64L * 1024 * 1024)]
    [InlineData("1k", 1024)]
    [InlineData("1024", 1024)]
    [InlineData("512K", 512 * 1024)]
    [InlineData("2 Gi", 2L * 1024 * 1024 * 1024)]
    [InlineData("1 kibibyte", 1024)]
    [InlineData("10 kB", 10_000)]
    [InlineData("1 MB", 1_000_000)]
    [InlineData("3 gigabytes", 3_000_000_000)]
    [InlineData("100 bytes", 100)]
    [InlineData("1.5K", 1536)]
    public void Sizes_take_powers_of_two_and_of_ten_as_the_spec_lists(string text, long bytes)
    {
        Assert.Equal(bytes, HoconSize.Parse(text));
    }

    [Theory]
    [InlineData("1 KB")] // not in the spec's lists: kB is 1000, K or KiB 1024
    [InlineData("5 parsecs")]
    [InlineData("-1M")]
    [InlineData("16E")] // over a long
    public void Sizes_outside_the_spec_or_a_long_are_refused(string text)
    {
        Assert.Throws<FormatException>(() => HoconSize.Parse(text));
    }
}
