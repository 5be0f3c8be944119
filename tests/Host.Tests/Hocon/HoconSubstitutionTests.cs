using ActorVm.Host.Config.Hocon;
using static ActorVm.Host.Tests.Hocon.HoconText;

namespace ActorVm.Host.Tests.Hocon;

public sealed class HoconSubstitutionTests
{
    [Fact]
    public void A_substitution_takes_the_value_and_kind_found_at_its_path()
    {
        var port = Scalar("server { port = 8080 }\nclient.port = ${server.port}", "client.port");

        Assert.Equal((HoconScalarKind.Number, "8080"), (port.Kind, port.Text));
    }

    [Fact]
    public void A_substitution_sees_the_final_value_even_when_defined_later()
    {
        Assert.Equal("2", Scalar("a = ${b}\nb = 1\nb = 2", "a").Value);
    }

    [Fact]
    public void A_substitution_among_unquoted_text_concatenates_into_a_string()
    {
        var root = Parse("dir = /var/lib\ndata = ${dir}/data\nnote = ${dir} is home");

        Assert.Equal("/var/lib/data", ((HoconScalar)root["data"]).Value);
        Assert.Equal("/var/lib is home", ((HoconScalar)root["note"]).Value);
    }

    [Fact]
    public void An_object_concatenated_with_a_substitution_inherits_its_fields()
    {
        // The spec's "inheritance" example.
        var flat = Flatten("""
            data-center-generic = { cluster-size = 6 }
            data-center-east = ${data-center-generic} { name = "east" }
            """);

        Assert.Equal("6", flat["data-center-east:cluster-size"]);
        Assert.Equal("east", flat["data-center-east:name"]);
    }

    [Fact]
    public void A_self_reference_sees_the_value_defined_before_it()
    {
        // The spec's examples, for a string and for an array.
        var root = Parse("""
            path : "a:b:c"
            path : ${path}":d"
            bin = [ /bin ]
            bin = ${bin} [ /usr/bin ]
            """);

        Assert.Equal("a:b:c:d", ((HoconScalar)root["path"]).Value);
        Assert.Equal(2, ((HoconArray)root["bin"]).Count);
    }

    [Fact]
    public void A_self_reference_into_a_subpath_merges_with_later_definitions()
    {
        // The spec's example: ${foo.a} is { c : 1 }, and the final merge is { a : 2, c : 1 }.
        var flat = Flatten("""
            foo : { a : { c : 1 } }
            foo : ${foo.a}
            foo : { a : 2 }
            """);

        Assert.Equal(new Dictionary<string, string?> { ["foo:c"] = "1", ["foo:a"] = "2" }, flat);
    }

    [Fact]
    public void An_object_can_refer_to_its_own_fields_and_sees_their_final_values()
    {
        // The spec's example: bar.baz is 43, not 42.
        var baz = Scalar("""
            bar : { foo : 42,
                    baz : ${bar.foo}
                  }
            bar : { foo : 43 }
            """, "bar.baz");

        Assert.Equal("43", baz.Value);
    }

    [Fact]
    public void Objects_referring_to_each_other_resolve()
    {
        // The spec's example: bar.a ends up 4 and foo.c 3.
        var flat = Flatten("""
            bar : { a : ${foo.d}, b : 1 }
            bar.b = 3
            foo : { c : ${bar.b}, d : 2 }
            foo.d = 4
            """);

        Assert.Equal(("4", "3"), (flat["bar:a"], flat["foo:c"]));
    }

    [Fact]
    public void An_optional_substitution_falls_back_to_the_environment()
    {
        var flat = Flatten("home = ${?HOME}", Environment(("HOME", "/home/vm")));

        Assert.Equal("/home/vm", flat["home"]);
    }

    [Fact]
    public void A_required_substitution_falls_back_to_the_environment_too()
    {
        var flat = Flatten("data = ${ACTORVM_DATA}/blocks", Environment(("ACTORVM_DATA", "/srv/actorvm")));

        Assert.Equal("/srv/actorvm/blocks", flat["data"]);
    }

    [Fact]
    public void An_undefined_optional_substitution_leaves_the_earlier_value_in_place()
    {
        // The spec's override idiom: a default that an environment variable may replace.
        const string text = "basedir = \"/whatever/whatever\"\nbasedir = ${?FORCED_BASEDIR}";

        Assert.Equal("/whatever/whatever", Flatten(text)["basedir"]);
        Assert.Equal("/forced", Flatten(text, Environment(("FORCED_BASEDIR", "/forced")))["basedir"]);
    }

    [Fact]
    public void An_undefined_optional_substitution_creates_no_field_and_no_array_element()
    {
        var root = Parse("foo : ${?bar}\nlist = [1, ${?missing}, 2]\nboth = ${?x}${?y}");

        Assert.Equal(["list"], root.Fields.Keys);
        Assert.Equal(2, ((HoconArray)root["list"]).Count);
    }

    [Fact]
    public void An_optional_self_reference_with_nothing_earlier_is_empty()
    {
        // The spec's example: `a = ${?a}foo` is "foo", not "foofoo".
        Assert.Equal("foo", Scalar("a = ${?a}foo", "a").Value);
    }

    [Fact]
    public void A_self_reference_with_nothing_earlier_falls_back_to_the_environment()
    {
        // ':' is not allowed unquoted, so the text after the substitution is quoted.
        var flat = Flatten("PATH = ${PATH}\":/opt/actorvm/bin\"", Environment(("PATH", "/usr/bin")));

        Assert.Equal("/usr/bin:/opt/actorvm/bin", flat["PATH"]);
    }

    [Fact]
    public void A_null_in_the_document_keeps_the_environment_variable_out()
    {
        var flat = Flatten("HOME = null\nhome = ${HOME}", Environment(("HOME", "/home/vm")));

        Assert.Null(flat["home"]);
    }

    [Fact]
    public void A_substitution_hidden_by_a_later_value_is_never_resolved()
    {
        // The spec's example: no error for ${does-not-exist}.
        Assert.Equal("42", Scalar("foo : ${does-not-exist}\nfoo : 42", "foo").Value);
    }

    [Fact]
    public void A_substitution_found_nowhere_is_an_error_naming_its_path_line_and_file()
    {
        var error = Error("a = 1\nb {\n  c = ${nodes.seed}\n}");

        Assert.Equal(
            "test.conf:3:7: ${nodes.seed} is not defined: nodes.seed is neither in the configuration nor in the environment",
            error.Message);
    }

    [Fact]
    public void Substitutions_that_refer_to_each_other_in_a_cycle_are_an_error()
    {
        // The spec's example.
        var error = Error("a : ${b}\nb : ${c}\nc : ${a}");

        Assert.Equal("test.conf:3:5: the substitutions refer to each other in a cycle: ${b} -> ${c} -> ${a}", error.Message);
    }
}
