using ActorVm.Host.Config.Hocon;
using static ActorVm.Host.Tests.Hocon.HoconText;

namespace ActorVm.Host.Tests.Hocon;

public sealed class HoconSyntaxTests
{
    [Fact]
    public void The_root_braces_are_optional()
    {
        Assert.Equal(Flatten("{ a = 1 }"), Flatten("a = 1"));
    }

    [Fact]
    public void Colon_and_equals_both_separate_a_key_from_its_value()
    {
        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "2" }, Flatten("a : 1\nb = 2"));
    }

    [Fact]
    public void A_key_followed_by_an_object_needs_no_separator()
    {
        Assert.Equal("1", Scalar("a { b = 1 }", "a.b").Value);
    }

    [Fact]
    public void Dotted_paths_build_nested_objects()
    {
        var root = Parse("a.b.c = 1");

        var c = Assert.IsType<HoconScalar>(((HoconObject)((HoconObject)root["a"])["b"])["c"]);
        Assert.Equal("1", c.Text);
        Assert.Equal(Flatten("a { b { c = 1 } }"), Flatten("a.b.c = 1"));
    }

    [Fact]
    public void A_quoted_key_is_one_key_even_with_a_dot_or_slashes()
    {
        var root = Parse("""
            "a.b" = 1
            "/vm/workers".router = pool
            """);

        Assert.Equal(["a.b", "/vm/workers"], root.Fields.Keys);
        Assert.Equal("pool", ((HoconScalar)((HoconObject)root["/vm/workers"])["router"]).Value);
    }

    [Fact]
    public void A_key_may_contain_spaces_and_numbers_in_keys_are_text()
    {
        // The spec's examples: `a b c : 42` is "a b c"; `3.14 : 42` is "3" { "14" : 42 }; `true : 42` is "true".
        var keys = Flatten("a b c : 42\n3.14 : 42\ntrue : 42").Keys;

        Assert.Equal(["a b c", "3:14", "true"], keys);
    }

    [Fact]
    public void Comments_start_with_a_double_slash_or_a_hash_outside_quotes()
    {
        var flat = Flatten("""
            # a comment
            a = 1 // another
            b = "http://example.org/#top" # quoted text keeps both
            c = /data/dir
            """);

        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1", ["b"] = "http://example.org/#top", ["c"] = "/data/dir" }, flat);
    }

    [Fact]
    public void Commas_or_newlines_separate_fields_and_elements_and_a_trailing_comma_is_allowed()
    {
        var flat = Flatten("""
            a = 1, b = 2,
            c = [1, 2,]
            d = [
              3
              4
            ]
            """);

        Assert.Equal(["a", "b", "c:0", "c:1", "d:0", "d:1"], flat.Keys);
    }

    [Fact]
    public void Two_commas_in_a_row_are_an_error()
    {
        Assert.Equal("test.conf:1:8: two commas in a row", Error("a = [1,,2]").Message);
    }

    [Fact]
    public void Quoted_strings_use_the_json_escapes()
    {
        Assert.Equal("tab\there \"quoted\" \\ é", Scalar("""a = "tab\there \"quoted\" \\ \u00e9" """, "a").Value);
    }

    [Fact]
    public void Triple_quoted_strings_keep_newlines_and_backslashes_as_written()
    {
        var text = "a = \"\"\"line one\n  C:\\dir \"quoted\"\"\"\"";

        Assert.Equal("line one\n  C:\\dir \"quoted\"", Scalar(text, "a").Value);
    }

    [Fact]
    public void Unquoted_words_on_one_line_concatenate_with_the_spaces_between_them()
    {
        var a = Scalar("a = foo bar  \"baz\"   ", "a");

        Assert.Equal("foo bar  baz", a.Value);
        Assert.Equal(HoconScalarKind.String, a.Kind);
    }

    [Fact]
    public void Spaces_in_an_array_concatenate_while_newlines_separate_elements()
    {
        // The spec's example: [ 1 2 3 4 ] is one string, one number per line four numbers.
        var root = Parse("one = [ 1 2 3 4 ]\nfour = [ 1\n 2\n 3\n 4 ]");

        Assert.Equal("1 2 3 4", Assert.IsType<HoconScalar>(Assert.Single(((HoconArray)root["one"]).Elements)).Value);
        Assert.Equal(4, ((HoconArray)root["four"]).Count);
    }

    [Fact]
    public void Numbers_keep_their_text_and_a_number_followed_by_text_is_a_string()
    {
        var root = Parse("a = 1e5\nb = -0.5\nhost = 127.0.0.1\nheap = 128MiB");

        Assert.Equal((HoconScalarKind.Number, "1e5"), (((HoconScalar)root["a"]).Kind, ((HoconScalar)root["a"]).Text));
        Assert.Equal((HoconScalarKind.Number, "-0.5"), (((HoconScalar)root["b"]).Kind, ((HoconScalar)root["b"]).Text));
        Assert.Equal((HoconScalarKind.String, "127.0.0.1"), (((HoconScalar)root["host"]).Kind, ((HoconScalar)root["host"]).Text));
        Assert.Equal((HoconScalarKind.String, "128MiB"), (((HoconScalar)root["heap"]).Kind, ((HoconScalar)root["heap"]).Text));
    }

    [Fact]
    public void True_false_on_off_yes_and_no_are_booleans_but_not_when_quoted()
    {
        var flat = Flatten("a = true, b = on, c = yes, d = off, e = no, f = \"yes\"");
        var e = Scalar("e = no", "e");

        Assert.Equal(["true", "true", "true", "false", "false", "yes"], flat.Values);
        Assert.Equal((HoconScalarKind.Boolean, "no"), (e.Kind, e.Text));
    }

    [Fact]
    public void Null_is_a_value_of_its_own()
    {
        var a = Scalar("a = null", "a");

        Assert.Equal(HoconScalarKind.Null, a.Kind);
        Assert.Null(a.Value);
    }

    [Fact]
    public void Arrays_and_objects_on_one_line_concatenate()
    {
        // The spec's examples: a : [ 1, 2 ] [ 3, 4 ], and a : { b : 1 } { c : 2 }.
        var flat = Flatten("a : [ 1, 2 ] [ 3, 4 ]\nb : { x : 1 } { y : 2 }");

        Assert.Equal(["a:0", "a:1", "a:2", "a:3", "b:x", "b:y"], flat.Keys);
    }

    [Fact]
    public void An_unclosed_object_is_an_error_naming_where_it_was_opened()
    {
        var error = Error("a {\n  b = 1\n");

        Assert.Equal("test.conf:3:1: expected '}' to close the object opened at 1:3, found the end of the file", error.Message);
        Assert.Equal((3, 1), (error.Line, error.Column));
    }

    [Fact]
    public void A_colon_in_an_unquoted_value_is_an_error_that_says_to_quote_it()
    {
        Assert.Equal("test.conf:2:11: ':' is not allowed in an unquoted value; put the value in double quotes",
            Error("a = 1\nurl = http://example.org").Message);
    }

    [Fact]
    public void A_key_without_a_separator_or_object_is_an_error()
    {
        Assert.Equal("test.conf:1:5: expected ':', '=' or '{' after the key a.b, found '['", Error("a.b [1]").Message);
    }
}
