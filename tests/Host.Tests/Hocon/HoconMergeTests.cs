using ActorVm.Host.Config.Hocon;
using static ActorVm.Host.Tests.Hocon.HoconText;

namespace ActorVm.Host.Tests.Hocon;

public sealed class HoconMergeTests
{
    [Fact]
    public void A_repeated_object_merges_with_the_earlier_one()
    {
        // The spec's example.
        var merged = Flatten("""
            {
                "foo" : { "a" : 42 },
                "foo" : { "b" : 43 }
            }
            """);

        Assert.Equal(Flatten("""{ "foo" : { "a" : 42, "b" : 43 } }"""), merged);
    }

    [Fact]
    public void A_value_that_is_not_an_object_between_two_objects_prevents_the_merge()
    {
        // The spec's example: the null in between keeps { a : 42 } out.
        var flat = Flatten("""
            {
                "foo" : { "a" : 42 },
                "foo" : null,
                "foo" : { "b" : 43 }
            }
            """);

        Assert.Equal(new Dictionary<string, string?> { ["foo:b"] = "43" }, flat);
    }

    [Fact]
    public void A_repeated_key_that_is_not_an_object_replaces_the_earlier_value()
    {
        var root = Parse("a = { x = 1 }\na = [2]\nb = 1\nb = two");

        Assert.IsType<HoconArray>(root["a"]);
        Assert.Equal("two", ((HoconScalar)root["b"]).Value);
    }

    [Fact]
    public void Merging_reaches_into_nested_objects_and_later_fields_win()
    {
        var flat = Flatten("""
            a { b { c = 1, d = 2 } }
            a.b.c = 3
            a { e = 4 }
            """);

        Assert.Equal(new Dictionary<string, string?> { ["a:b:c"] = "3", ["a:b:d"] = "2", ["a:e"] = "4" }, flat);
    }

    [Fact]
    public void Fields_keep_the_order_of_their_first_definition()
    {
        var root = Parse("z = 1\na = 2\nm = 3\nz = 4");

        Assert.Equal(["z", "a", "m"], root.Fields.Keys);
    }

    [Fact]
    public void Plus_equals_appends_to_an_array()
    {
        var flat = Flatten("path = [ /bin ]\npath += /usr/bin\npath += /opt/bin");

        Assert.Equal(["/bin", "/usr/bin", "/opt/bin"], flat.Values);
    }

    [Fact]
    public void Plus_equals_starts_an_array_when_the_key_has_no_value_yet()
    {
        var flat = Flatten("a { seeds += \"node1\" }\na.seeds += \"node2\"");

        Assert.Equal(new Dictionary<string, string?> { ["a:seeds:0"] = "node1", ["a:seeds:1"] = "node2" }, flat);
    }

    [Fact]
    public void Plus_equals_on_a_value_that_is_not_an_array_is_an_error()
    {
        Assert.Equal("test.conf:2:9: '+=' appends to an array, but the earlier value is a number", Error("port = 80\nport += 81").Message);
    }
}
