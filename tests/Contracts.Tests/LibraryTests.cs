using ActorVm.Contracts.Chain;

namespace ActorVm.Contracts.Tests;

public sealed class LibraryTests : IDisposable
{
    private readonly ContractHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public void BigNumber_is_bignumber_js()
    {
        Assert.Equal(["\"0.3\""], _h.Run("return new BigNumber('0.1').plus('0.2').toString();").Returns);
    }

    [Fact]
    public void Int64_does_exact_integer_arithmetic()
    {
        Assert.Equal(["""["9223372036854775806","3","-2"]"""],
            _h.Run("return [new Int64('9223372036854775805').plus(1).toString(), new Int64(7).div(2).toString(), new Int64(-7).mod(5).toString()];").Returns);
    }

    [Fact]
    public void Int64_throws_on_overflow()
    {
        var receipt = _h.Run("return new Int64('9223372036854775807').plus(1).toString();");

        Assert.Equal(StatusCode.RuntimeError, receipt.Status.Code);
        Assert.Contains("overflows", receipt.Status.Message);
    }

    [Fact]
    public void Float64_keeps_decimals_exact()
    {
        Assert.Equal(["""["0.3","0.33333333333333333333333333333333333333333333333333",true]"""],
            _h.Run("return [new Float64('0.1').plus('0.2').toString(), new Float64(1).div(3).toString(), new Float64('1.50').eq('1.5')];").Returns);
    }
}
