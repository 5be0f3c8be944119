using ActorVm.Actors.Chain;
using ActorVm.Contracts.Chain;

namespace ActorVm.Actors.Tests.Chain;

public sealed class MempoolTests
{
    private static long _time;

    private static PendingTx From(string sender) =>
        new(new Transaction(Interlocked.Increment(ref _time), long.MaxValue, 1000, sender, [], [new TxAction("c", "f", "[]")]), null);

    [Fact]
    public void A_batch_takes_a_share_of_each_sender_in_arrival_order_and_leaves_the_rest_in_order()
    {
        var mempool = new Mempool(100, 100);
        var sent = new[] { From("a"), From("a"), From("a"), From("b"), From("a"), From("c") };
        foreach (var p in sent) Assert.Null(mempool.Admit(p));

        var batch = mempool.TakeBatch(max: 10, perSender: 2);

        Assert.Equal([sent[0], sent[1], sent[3], sent[5]], batch);
        Assert.Equal([sent[2], sent[4]], mempool.Waiting);
    }

    [Fact]
    public void What_is_returned_goes_back_to_the_front_in_its_order()
    {
        var mempool = new Mempool(100, 100);
        var (first, second, later) = (From("a"), From("b"), From("c"));
        mempool.Admit(first);
        mempool.Admit(second);
        var batch = mempool.TakeBatch(10, 10);
        mempool.Admit(later);

        mempool.ReturnToFront(batch);

        Assert.Equal([first, second, later], mempool.Waiting);
    }

    [Fact]
    public void A_sender_at_its_limit_is_refused_until_one_of_its_transactions_is_done()
    {
        var mempool = new Mempool(100, 2);
        var (one, two, three) = (From("a"), From("a"), From("a"));
        mempool.Admit(one);
        mempool.Admit(two);

        var refused = mempool.Admit(three);
        mempool.Forget(mempool.TakeBatch(1, 1)[0]);
        var admitted = mempool.Admit(three);

        Assert.Equal(Rejection.SenderLimit, refused!.Kind);
        Assert.Null(admitted);
        Assert.Equal(Rejection.Duplicate, mempool.Admit(two)!.Kind);
    }

    [Fact]
    public void The_same_transaction_with_another_publisher_signature_is_already_pending()
    {
        var time = TestChain.Now();
        var tx = TestChain.Signed(new Transaction(time, time + 1_000_000_000, 1000, "alice", [], [new TxAction("c", "f", "[]")]));
        var padded = tx with { PublisherSigs = [.. tx.PublisherSigs, Contracts.Signing.KeyPair.Generate().Sign(tx.PublishHash)] };
        var mempool = new Mempool(100, 100);

        Assert.Null(mempool.Admit(new PendingTx(tx, null)));
        Assert.NotEqual(tx.Hash, padded.Hash);
        Assert.Equal(Rejection.Duplicate, mempool.Admit(new PendingTx(padded, null))?.Kind);
    }
}
