using ActorVm.Contracts.Chain;
using ActorVm.Host.Cluster;

namespace ActorVm.Host.Tests.Cluster;

public sealed class UnansweredTransactionsTests
{
    private readonly List<ulong> _acknowledged = [];
    private readonly UnansweredTransactions _waiting;

    public UnansweredTransactionsTests() => _waiting = new UnansweredTransactions(tag => { _acknowledged.Add(tag); return Task.CompletedTask; });

    private static Transaction Tx(int n) => new(n, n + 1, 1000, "alice", [], [new TxAction("c", "f", $"[{n}]")]);

    [Fact]
    public async Task A_message_is_acknowledged_once_every_transaction_in_it_is_answered()
    {
        _waiting.Expect(1, [Tx(1), Tx(2)]);

        await _waiting.AnsweredAsync(Tx(1).Hash);
        Assert.Empty(_acknowledged);
        await _waiting.AnsweredAsync(Tx(2).Hash);

        Assert.Equal([1UL], _acknowledged);
    }

    [Fact]
    public async Task A_transaction_in_two_messages_answers_both_when_its_block_commits()
    {
        _waiting.Expect(1, [Tx(1)]);
        _waiting.Expect(2, [Tx(1)]);

        await _waiting.AnsweredAsync(Tx(1).Hash);

        Assert.Equal([1UL, 2UL], _acknowledged);
    }

    [Fact]
    public async Task A_copy_answered_without_a_block_counts_for_its_own_message_only()
    {
        _waiting.Expect(1, [Tx(1)]);
        _waiting.Expect(2, [Tx(1), Tx(2)]);

        await _waiting.AnsweredOnceAsync(2, Tx(1).Hash);
        await _waiting.AnsweredAsync(Tx(2).Hash);
        Assert.Equal([2UL], _acknowledged);
        await _waiting.AnsweredAsync(Tx(1).Hash);

        Assert.Equal([2UL, 1UL], _acknowledged);
    }
}
