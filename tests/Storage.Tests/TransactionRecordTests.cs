using System.Buffers;
using System.Text;
using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class TransactionRecordTests
{
    private static KeptTransaction? Json(string? json) => json is null ? null : KeptTransaction.FromJson(json);

    [Theory]
    [InlineData(1L, """{"status":"ok"}""", """{"publisher":"alice"}""")]
    [InlineData(long.MaxValue, "", "")]
    [InlineData(7L, "ünïcode ✓", null)]
    public void A_record_reads_back_as_it_was_written(long height, string receipt, string? transaction)
    {
        var record = new TransactionRecord(height, receipt, Json(transaction));

        Assert.Equal(record, TransactionRecord.Parse(record.ToBytes()));
    }

    [Fact]
    public void A_transaction_kept_in_iost_encoding_reads_back_byte_for_byte_with_its_form()
    {
        var record = new TransactionRecord(5, "{}", new KeptTransaction(TransactionForm.IostEncoding, [0, 1, 2, 255, 0]));

        var read = TransactionRecord.Parse(record.ToBytes());

        Assert.Equal(TransactionForm.IostEncoding, read.Transaction!.Form);
        Assert.Equal(new byte[] { 0, 1, 2, 255, 0 }, read.Transaction.Bytes);
    }

    [Fact]
    public void Bytes_shorter_than_the_header_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => TransactionRecord.Parse(new byte[5]));
    }

    [Fact]
    public void A_receipt_length_past_the_end_is_refused()
    {
        var bytes = new TransactionRecord(1, "receipt", Json("tx")).ToBytes();
        bytes[11] = 200;

        Assert.Throws<InvalidDataException>(() => TransactionRecord.Parse(bytes));
    }

    [Fact]
    public void An_unknown_transaction_form_is_refused()
    {
        var bytes = new TransactionRecord(1, "receipt", Json("tx")).ToBytes();
        bytes[12] = 9;

        Assert.Throws<InvalidDataException>(() => TransactionRecord.Parse(bytes));
    }

    [Fact]
    public void The_layout_on_disk_is_height_receipt_length_form_then_the_receipt_and_the_transaction()
    {
        // Form 1 is JSON: records written before the encoding was kept read as they always did.
        byte[] expected = [0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1, 1, (byte)'r', (byte)'t', (byte)'x'];

        Assert.Equal(expected, new TransactionRecord(9, "r", Json("tx")).ToBytes());
    }

    [Fact]
    public void Records_written_one_after_another_into_one_buffer_each_read_back_whole()
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        var longer = new StoredReceipt("h1", output => Encoding.UTF8.GetBytes("{\"status\":\"a long receipt ✓\"}", output),
            (TransactionForm.IostEncoding, output => output.Write(new byte[] { 7, 7, 7 })));
        var shorter = new StoredReceipt("h2", "{}", null);

        var first = TransactionRecord.Parse(longer.Record(3, buffer));
        var second = TransactionRecord.Parse(shorter.Record(4, buffer));

        Assert.Equal(new TransactionRecord(3, "{\"status\":\"a long receipt ✓\"}", new KeptTransaction(TransactionForm.IostEncoding, [7, 7, 7])), first);
        Assert.Equal(new TransactionRecord(4, "{}", null), second);
    }
}
