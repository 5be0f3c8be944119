using System.Security.Cryptography;
using System.Text.Json;
using ActorVm.Storage.State;
using Xunit;

namespace ActorVm.Storage.Tests;

public sealed class BlockRecordTests
{
    /// <summary>The hash every stored block already has: the serializer's compact JSON of the header's fields.</summary>
    private static string SerializerHash(long height, string parent, long time, string witness, string root, IReadOnlyList<string> txs) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(new object[] { height, parent, time, witness, root, txs })));

    public static TheoryData<long, string, long, string, string, string[]> Headers() => new()
    {
        { 1, "", 0, "local", "", [] },
        { long.MaxValue, "parent", long.MinValue, "witness", "root", ["a"] },
        { 42, "p\"a\\r<e>n&t'+", -7, "ключ 見 😀", "\u0001\u001f\u007f", ["2Xh9", "", "tx \"quoted\"", "\u2028\u2029"] },
        { 1_000, new string('x', 300), 1_700_000_000_000_000_000, "w", "0123456789abcdef", Enumerable.Range(0, 1_000).Select(i => $"hash{i}").ToArray() },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void A_block_hash_is_that_of_the_serializers_compact_json_of_its_header(long height, string parent, long time, string witness, string root, string[] txs)
    {
        Assert.Equal(SerializerHash(height, parent, time, witness, root, txs), BlockRecord.HashOf(height, parent, time, witness, root, txs));
    }
}
