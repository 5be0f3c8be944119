namespace ActorVm.Host.Config.Hocon;

/// <summary>How error messages name a value's kind, whether it is still a parsed node or already resolved.</summary>
internal static class HoconKindNames
{
    public static string Of(bool isObject, bool isArray, HoconScalarKind? scalar) =>
        isObject ? "an object"
        : isArray ? "an array"
        : scalar switch
        {
            HoconScalarKind.Number => "a number",
            HoconScalarKind.Boolean => "a boolean",
            HoconScalarKind.Null => "null",
            _ => "a string",
        };
}
