using System.Globalization;
using System.Text.Json;
using CiSecrets.Sops;

namespace CiSecrets.Cli.Commands;

/// <summary>
/// The value <c>sops set</c> stores, typed as <c>--value-type</c> says: a string (the default), an int, a float,
/// a bool, or a JSON literal as sops set takes it (<c>"text"</c>, <c>5432</c>, <c>0.5</c>, <c>true</c>, <c>null</c>).
/// A value that does not parse is an input error that never quotes the value (it is a secret).
/// </summary>
internal static class SopsSetValue
{
    public static readonly string[] Types = ["string", "int", "float", "bool", "json"];

    public static SopsScalar Parse(string value, string type, string file) => type switch
    {
        "string" => SopsScalar.Of(value),
        "int" => long.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? SopsScalar.Of(number) : throw NotA(file, "an integer"),
        "float" => double.TryParse(value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real) ? SopsScalar.Of(real) : throw NotA(file, "a number"),
        "bool" => value.Trim() switch
        {
            "true" or "True" or "TRUE" => SopsScalar.Of(true),
            "false" or "False" or "FALSE" => SopsScalar.Of(false),
            _ => throw NotA(file, "true or false"),
        },
        "json" => FromJson(value, file),
        _ => throw new InputException("--value-type", $"'{type}' is not one of {string.Join(", ", Types)}"),
    };

    private static SopsScalar FromJson(string value, string file)
    {
        JsonElement element;
        try
        {
            element = JsonDocument.Parse(value).RootElement;
        }
        catch (JsonException)
        {
            throw NotA(file, "a JSON value");
        }

        return element.ValueKind switch
        {
            JsonValueKind.String => SopsScalar.Of(element.GetString()!),
            JsonValueKind.Number when element.TryGetInt64(out var number) => SopsScalar.Of(number),
            JsonValueKind.Number => SopsScalar.Of(element.GetDouble()),
            JsonValueKind.True => SopsScalar.Of(true),
            JsonValueKind.False => SopsScalar.Of(false),
            JsonValueKind.Null => SopsScalar.CreateNull(),
            _ => throw new InputException(file, "the value on standard input is a JSON object or array; sops set here takes one scalar value"),
        };
    }

    private static InputException NotA(string file, string what) => new(file, $"the value on standard input is not {what} (--value-type)");
}
