using System.Buffers;
using ActorVm.Actors.Chain;
using ActorVm.Contracts.Chain;
using ActorVm.Storage.State;

namespace ActorVm.Actors.Tests.Chain;

public sealed class KeptTransactionsTests
{
    private static KeptTransaction Kept(Transaction tx)
    {
        var (form, write) = KeptTransactions.Keep(tx);
        var output = new ArrayBufferWriter<byte>();
        write(output);
        return new KeptTransaction(form, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void A_transaction_is_kept_in_iost_encoding_and_read_back_as_its_json()
    {
        var tx = new Transaction(1_700_000_000_000_000_000, 1_700_000_090_000_000_000, 1_000, "alice1", [], [new TxAction("token.iost", "transfer", "[\"iost\",\"a\",\"b\",\"1\",\"ü\"]")]);

        var kept = Kept(tx);

        Assert.Equal(TransactionForm.IostEncoding, kept.Form);
        Assert.Equal(ChainJson.Serialize(tx), KeptTransactions.Json(kept));
    }

    [Fact]
    public void A_transaction_the_encoding_would_not_give_back_whole_is_kept_as_json()
    {
        var tx = new Transaction(1, 2, long.MaxValue, "alice1", [], []);

        var kept = Kept(tx);

        Assert.Equal(TransactionForm.Json, kept.Form);
        Assert.Equal(ChainJson.Serialize(tx), KeptTransactions.Json(kept));
    }
}
