using ActorVm.Actors.Chain;

namespace ActorVm.Actors.Tests.Chain;

public sealed class LeftOutTransactionsTests
{
    [Fact]
    public void A_left_out_transaction_is_known_with_its_reason()
    {
        var leftOut = new LeftOutTransactions(2);

        leftOut.Add("a", "left out of block 3: time limit");

        Assert.Equal("left out of block 3: time limit", leftOut.Reason("a"));
        Assert.Null(leftOut.Reason("b"));
    }

    [Fact]
    public void Past_its_capacity_the_oldest_is_forgotten_first()
    {
        var leftOut = new LeftOutTransactions(2);

        leftOut.Add("a", "1");
        leftOut.Add("b", "2");
        leftOut.Add("c", "3");

        Assert.Equal((null, "2", "3"), (leftOut.Reason("a"), leftOut.Reason("b"), leftOut.Reason("c")));
    }
}
