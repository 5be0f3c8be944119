using System.Security.Cryptography;
using System.Text;
using ActorVm.Storage.State;
using Xunit;

namespace ActorVm.Storage.Tests;

/// <summary>The state root's bytes: every node computes it, so its encoding is pinned.</summary>
public sealed class StateRootTests
{
    private static WriteSet Writes(params (string Key, string? Value)[] writes) =>
        WriteSet.From(writes.ToDictionary(w => w.Key, w => w.Value));

    [Fact]
    public void The_root_of_a_known_write_set_is_pinned()
    {
        var root = StateRoot.Next(StateRoot.Genesis, Writes(("v-c-b_alice", "999"), ("v-c-b_bob", "1001"), ("m-c-gone-x", null), ("v-c-ü", "✓")));

        Assert.Equal("705fd4497253b78246380c1a40d39cd701f2f356c99242580c30b75ff3c1acb3", Convert.ToHexStringLower(root));
    }

    [Fact]
    public void The_root_is_sha256_over_the_parent_then_each_key_a_presence_byte_and_the_value_with_their_lengths()
    {
        var random = new Random(7);
        // Values of every size, a few larger than any buffer the hashing uses.
        var writes = Enumerable.Range(0, 3_000).Select(i => ($"v-c-k{random.Next()}-{i}",
            random.Next(5) == 0 ? null : new string('é', random.Next(100) == 0 ? random.Next(40_000, 200_000) : random.Next(0, 3_000)))).ToArray();
        var parent = SHA256.HashData("parent"u8);

        Assert.Equal(Reference(parent, writes), StateRoot.Next(parent, Writes(writes)));
    }

    // The encoding written out plainly: what any other implementation has to agree with.
    private static byte[] Reference(byte[] parent, (string Key, string? Value)[] writes)
    {
        var bytes = new List<byte>(parent);
        void Field(string text)
        {
            var utf8 = Encoding.UTF8.GetBytes(text);
            bytes.AddRange([(byte)(utf8.Length >> 24), (byte)(utf8.Length >> 16), (byte)(utf8.Length >> 8), (byte)utf8.Length]);
            bytes.AddRange(utf8);
        }
        foreach (var (key, value) in writes.OrderBy(w => w.Key, StringComparer.Ordinal))
        {
            Field(key);
            bytes.Add(value is null ? (byte)0 : (byte)1);
            if (value is not null) Field(value);
        }
        return SHA256.HashData(bytes.ToArray());
    }
}
