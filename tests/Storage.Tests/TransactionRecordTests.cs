using System.Buffers;
using System.Text;
using ActorVm.Storage.State;

namespace ActorVm.Storage.Tests;

public sealed class TransactionRecordTests
{
    [Theory]
    [InlineData(1L, """{"status":"ok"}""", """{"publisher":"alice"}""")]
    [InlineData(long.MaxValue, "", "")]
    [InlineData(7L, "ünïcode ✓", null)]
    public void A_record_reads_back_as_it_was_written(long height, string receipt, string? transaction)
    {
        var record = new TransactionRecord(height, receipt, transaction);

        Assert.Equal(record, TransactionRecord.Parse(record.ToBytes()));
    }

    [Fact]
    public void Bytes_shorter_than_the_header_are_refused()
    {
        Assert.Throws<InvalidDataException>(() => TransactionRecord.Parse(new byte[5]));
    }

    [Fact]
    public void A_receipt_length_past_the_end_is_refused()
    {
        var bytes = new TransactionRecord(1, "receipt", "tx").ToBytes();
        bytes[11] = 200;

        Assert.Throws<InvalidDataException>(() => TransactionRecord.Parse(bytes));
    }

    [Fact]
    public void The_layout_on_disk_is_height_receipt_length_presence_then_the_texts()
    {
        byte[] expected = [0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 1, 1, (byte)'r', (byte)'t', (byte)'x'];

        Assert.Equal(expected, new TransactionRecord(9, "r", "tx").ToBytes());
    }

    [Fact]
    public void Records_written_one_after_another_into_one_buffer_each_read_back_whole()
    {
        var buffer = new ArrayBufferWriter<byte>(16);
        var longer = new StoredReceipt("h1", output => Encoding.UTF8.GetBytes("{\"status\":\"a long receipt ✓\"}", output),
            output => Encoding.UTF8.GetBytes("{\"publisher\":\"alice\"}", output));
        var shorter = new StoredReceipt("h2", "{}", null);

        var first = TransactionRecord.Parse(longer.Record(3, buffer));
        var second = TransactionRecord.Parse(shorter.Record(4, buffer));

        Assert.Equal(new TransactionRecord(3, "{\"status\":\"a long receipt ✓\"}", "{\"publisher\":\"alice\"}"), first);
        Assert.Equal(new TransactionRecord(4, "{}", null), second);
    }
}
