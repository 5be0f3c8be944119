namespace ActorVm.Contracts.Engine;

/// <summary>One argument of the runtime's run function: a string, a number or a boolean.</summary>
public readonly struct CallInput
{
    private CallInput(int kind, string? text, double number)
    {
        Kind = kind;
        Text = text;
        Number = number;
    }

    internal int Kind { get; }
    internal string? Text { get; }
    internal double Number { get; }

    public static implicit operator CallInput(string text) => new(V8Native.String, text, 0);
    public static implicit operator CallInput(double number) => new(V8Native.Number, null, number);
    public static implicit operator CallInput(bool value) => new(V8Native.Bool, null, value ? 1 : 0);
}
