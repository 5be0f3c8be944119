using ActorVm.Host.Config.Hocon;
using static ActorVm.Host.Tests.Hocon.HoconText;

namespace ActorVm.Host.Tests.Hocon;

public sealed class HoconIncludeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hocon-");

    public void Dispose() => _dir.Delete(recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir.FullName, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private Dictionary<string, string?> Load(string path) =>
        HoconDocument.Load(path, Environment()).Flatten().ToDictionary(leaf => leaf.Path, leaf => leaf.Value);

    [Fact]
    public void An_include_merges_a_file_found_next_to_the_including_file()
    {
        Write("conf/defaults.conf", "pool { lower-bound = 1, upper-bound = 4 }\ninclude \"more/extra.conf\"");
        Write("conf/more/extra.conf", "pool.rampup = 0.2");
        var main = Write("conf/actorvm.conf", "include \"defaults.conf\"\npool.lower-bound = 2");

        var flat = Load(main);

        Assert.Equal(new Dictionary<string, string?> { ["pool:lower-bound"] = "2", ["pool:upper-bound"] = "4", ["pool:rampup"] = "0.2" }, flat);
    }

    [Fact]
    public void A_missing_include_is_ignored()
    {
        var main = Write("actorvm.conf", "include \"absent.conf\"\na = 1");

        Assert.Equal(new Dictionary<string, string?> { ["a"] = "1" }, Load(main));
    }

    [Fact]
    public void A_missing_required_include_is_an_error()
    {
        var main = Write("actorvm.conf", "a = 1\ninclude required(\"absent.conf\")");

        var error = Assert.Throws<HoconException>(() => Load(main));

        Assert.Equal((main, 2, 18), (error.FileName, error.Line, error.Column));
        Assert.Equal($"the required include {Path.Combine(_dir.FullName, "absent.conf")} does not exist", error.Problem);
    }

    [Fact]
    public void An_include_of_file_form_reads_the_path_as_given()
    {
        var shared = Write("elsewhere/shared.conf", "shared = yes");
        var main = Write("actorvm.conf", $"include required(file(\"{shared}\"))");

        Assert.Equal("true", Load(main)["shared"]);
    }

    [Fact]
    public void Substitutions_in_an_included_file_look_first_at_the_place_it_is_included()
    {
        // The spec's example: ${x} in foo.conf becomes ${a.x}, which the including file sets to 42.
        Write("foo.conf", "{ x : 10, y : ${x} }");
        var main = Write("actorvm.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");

        Assert.Equal("42", Load(main)["a:y"]);
    }

    [Fact]
    public void An_error_in_an_included_file_names_that_file()
    {
        var broken = Write("broken.conf", "a = [1, 2");
        var main = Write("actorvm.conf", "include \"broken.conf\"");

        var error = Assert.Throws<HoconException>(() => Load(main));

        Assert.Equal($"{broken}:1:10: expected ']' to close the array opened at 1:5, found the end of the file", error.Message);
    }
}
