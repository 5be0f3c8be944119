using System.Text.Json;
using ActorVm.Contracts.Chain;
using Xunit;

namespace ActorVm.Contracts.Tests;

/// <summary>An action's data is read once as a JSON array of arguments; anything else reads as none (the format check's refusal).</summary>
public sealed class TxActionArgumentsTests
{
    private static IReadOnlyList<JsonElement>? Arguments(string data) => new TxAction("c", "m", data).Arguments;

    [Fact]
    public void A_json_array_reads_as_its_elements_in_order()
    {
        var arguments = Arguments(""" [ "alice", 1.5, {"a":[true]}, null ] """)!;

        Assert.Equal(["\"alice\"", "1.5", """{"a":[true]}""", "null"], arguments.Select(a => a.GetRawText()));
    }

    [Fact]
    public void Arguments_outlive_nothing_they_were_read_from()
    {
        var arguments = Arguments("[\"" + new string('x', 5_000) + "\"]")!;

        Assert.Equal(5_000, arguments[0].GetString()!.Length);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("\"[]\"")]
    [InlineData("[1] [2]")]
    [InlineData("[1] x")]
    [InlineData("[1,]")]
    [InlineData("[1] // a comment")]
    public void Data_that_is_not_one_json_array_reads_as_no_arguments(string data)
    {
        Assert.Null(Arguments(data));
    }

    [Fact]
    public void Data_holding_a_lone_surrogate_reads_as_no_arguments_without_throwing()
    {
        Assert.Null(Arguments("[\"" + '\ud800' + "\"]"));
    }
}
