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
}
