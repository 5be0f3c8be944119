using System.Text.Json;
using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

/// <summary>
/// Text a contract passes to a host function arrives whole, whatever its length or characters: short
/// strings cross in a buffer on the native stack, longer ones on the heap.
/// </summary>
public sealed class HostStringTests : IDisposable
{
    private readonly ContractHarness _h = new();
    private readonly string _id;

    public HostStringTests() =>
        _id = _h.DeployClass("""
            put(v) { storage.put('k', v); return storage.get('k'); }
            mapPut(f, v) { storage.mapPut('m', f, v); return [storage.mapGet('m', f), storage.mapKeys('m').includes(f)]; }
            lone() { storage.put('k', 'a\uD800b'); return storage.get('k'); }
            loneLong() { storage.put('k', 'a\uD800' + 'b'.repeat(600)); return storage.get('k'); }
            many(v) { storage.put('k', v, 'x1', 'x2', 'x3', 'x4', 'x5', 'x6', 'x7', 'x8', 'x9'); return storage.get('k'); }
            """, ("put", 1), ("mapPut", 2), ("lone", 0), ("loneLong", 0), ("many", 1));

    public void Dispose() => _h.Dispose();

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(170)]
    [InlineData(171)]
    [InlineData(600)]
    [InlineData(20_000)]
    public void A_string_of_any_length_comes_back_as_it_was_stored(int length)
    {
        var value = string.Concat(Enumerable.Range(0, length).Select(i => (char)('a' + i % 26)));

        var receipt = _h.Call(_id, "put", JsonSerializer.Serialize(new[] { value }));

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(JsonSerializer.Serialize(value), receipt.Returns[0]);
    }

    [Theory]
    [InlineData("é€😀 mixed: two, three and four bytes of UTF-8")]
    [InlineData("😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀")]
    [InlineData("€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€€")]
    public void Characters_beyond_ascii_come_back_as_they_were_stored(string value)
    {
        var receipt = _h.Call(_id, "put", JsonSerializer.Serialize(new[] { value }));

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal(value, JsonSerializer.Deserialize<string>(receipt.Returns[0]));
    }

    [Fact]
    public void Several_strings_that_together_outgrow_the_stack_buffer_each_arrive_whole()
    {
        var field = new string('f', 60);
        var value = string.Concat(Enumerable.Repeat("v€", 200));

        var receipt = _h.Call(_id, "mapPut", JsonSerializer.Serialize(new[] { field, value }));

        Assert.True(receipt.Status.Code == StatusCode.Success, receipt.Status.Message);
        var returned = JsonDocument.Parse(receipt.Returns[0]).RootElement;
        Assert.Equal(value, returned[0].GetString());
        Assert.True(returned[1].GetBoolean());
    }

    [Fact]
    public void A_lone_surrogate_arrives_as_the_replacement_character()
    {
        var receipt = _h.Call(_id, "lone");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("a\uFFFDb", JsonSerializer.Deserialize<string>(receipt.Returns[0]));
    }

    [Fact]
    public void A_lone_surrogate_in_a_string_too_long_for_the_stack_buffer_arrives_as_the_replacement_character()
    {
        var receipt = _h.Call(_id, "loneLong");

        Assert.Equal(StatusCode.Success, receipt.Status.Code);
        Assert.Equal("a\uFFFD" + new string('b', 600), JsonSerializer.Deserialize<string>(receipt.Returns[0]));
    }

    [Fact]
    public void A_call_with_more_arguments_than_the_stack_holds_passes_the_ones_that_count_whole()
    {
        var receipt = _h.Call(_id, "many", JsonSerializer.Serialize(new[] { "value €😀" }));

        Assert.True(receipt.Status.Code == StatusCode.Success, receipt.Status.Message);
        Assert.Equal("value €😀", JsonSerializer.Deserialize<string>(receipt.Returns[0]));
    }
}
