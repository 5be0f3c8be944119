using System.Buffers;
using System.Text;
using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>The generated writers of chain records give the same text as the general serializer did.</summary>
public sealed class ChainJsonTests
{
    [Fact]
    public void A_receipt_is_written_as_the_general_serializer_writes_it()
    {
        var receipt = new Receipt("hash", new TxStatus(StatusCode.RuntimeError, "Error: <bad> \"quote\" é \ud83d\ude00"), 1234,
            ["\"x\"", "[1,2]"], [new ReceiptEntry("Contractx/f", "r")], [new EventEntry("Contractx", "e1"), new EventEntry("Contractx", "e2")]);

        Assert.Equal(JsonSerializer.Serialize(receipt, ChainJson.Options), ChainJson.Serialize(receipt));
    }

    [Fact]
    public void A_receipt_holding_lone_surrogates_from_a_contract_is_still_written()
    {
        // Receipts are encoded by the store's writer: encoding must not fail on what a contract returns.
        var receipt = new Receipt("hash", TxStatus.Success, 1, ["\"\ud800\""], [], [new EventEntry("Contractx", "\udc00 event")]);

        var json = ChainJson.Encoded(receipt);

        Assert.Contains("hash", json);
    }

    [Fact]
    public void A_transaction_is_written_as_the_general_serializer_writes_it()
    {
        var tx = new Transaction(1, 2, 3, "alice", ["bob"], [new TxAction("token", "transfer", "[\"iost\", \"a&b\", 1]")]);

        Assert.Equal(JsonSerializer.Serialize(tx, ChainJson.Options), ChainJson.Serialize(tx));
    }

    [Fact]
    public void The_utf8_written_for_a_block_is_the_serialized_text()
    {
        var receipt = new Receipt("hash", new TxStatus(StatusCode.RuntimeError, "Error: <bad> \"quote\" é \ud83d\ude00 \ud800"), 1234,
            ["\"x\""], [new ReceiptEntry("Contractx/f", "r")], [new EventEntry("Contractx", "\udc00 event")]);
        var tx = new Transaction(1, 2, 3, "alice", ["bob"], [new TxAction("token", "transfer", "[\"iost\", \"a&b\", 1]")]);
        var output = new ArrayBufferWriter<byte>();

        ChainJson.Write(output, receipt);
        var receiptText = Encoding.UTF8.GetString(output.WrittenSpan);
        output.ResetWrittenCount();
        ChainJson.Write(output, tx);

        Assert.Equal(ChainJson.Serialize(receipt), receiptText);
        Assert.Equal(ChainJson.Serialize(tx), Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
