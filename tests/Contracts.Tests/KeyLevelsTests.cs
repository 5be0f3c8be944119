using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class KeyLevelsTests
{
    [Fact]
    public void Keys_are_listed_in_ordinal_order_and_a_publisher_key_takes_the_publisher_level()
    {
        var levels = KeyLevels.Of(["b", "B", "a"], 1, ["b"], 2);

        Assert.Equal([new("B", 1), new("a", 1), new KeyValuePair<string, int>("b", 2)], levels);
    }

    [Fact]
    public void A_key_that_did_not_sign_has_no_level()
    {
        var levels = KeyLevels.Of([], 1, ["pub"], 2);

        Assert.Equal(0, levels.GetValueOrDefault("other"));
        Assert.Equal(2, levels["pub"]);
        Assert.False(levels.ContainsKey("PUB"));
    }

    [Fact]
    public void A_key_that_signs_twice_as_signer_is_listed_once()
    {
        var levels = KeyLevels.Of(["k", "k", "j"], 1, [], 2);

        Assert.Equal([new("j", 1), new KeyValuePair<string, int>("k", 1)], levels);
    }

    [Fact]
    public void Publisher_keys_alone_are_listed_in_order_at_the_publisher_level()
    {
        Assert.Equal([new KeyValuePair<string, int>("p", 2)], KeyLevels.Of([], 1, ["p"], 2));
        Assert.Equal([new("p", 2), new KeyValuePair<string, int>("q", 2)], KeyLevels.Of([], 1, ["q", "p"], 2));
    }
}
