using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CiSecrets.Sops;

/// <summary>
/// yaml.v3's scalar typing (YAML 1.2-ish: yes/no are strings, 0777 is octal, timestamps are times) and
/// the quoting its encoder applies. https://github.com/go-yaml/yaml/blob/v3.0.4/resolve.go
/// </summary>
internal static partial class YamlScalars
{
    /// <summary>Types a plain (unquoted, untagged) scalar as yaml.v3 does; null when it is a uint64 sops cannot hold.</summary>
    public static SopsScalar ResolvePlain(string text)
    {
        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return SopsScalar.CreateNull();
            case "true" or "True" or "TRUE":
                return SopsScalar.Of(true);
            case "false" or "False" or "FALSE":
                return SopsScalar.Of(false);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return SopsScalar.Of(double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return SopsScalar.Of(double.NegativeInfinity);
            case ".nan" or ".NaN" or ".NAN":
                return SopsScalar.Of(double.NaN);
        }

        var first = text[0];
        if (first == '.')
        {
            return GoFormat.TryParseFloat(text, out var f) && FloatPattern().IsMatch(text) ? SopsScalar.Of(f) : SopsScalar.Of(text);
        }

        if (!(char.IsAsciiDigit(first) || first is '-' or '+'))
        {
            return SopsScalar.Of(text);
        }

        if (TryParseTimestamp(text, out var time, out var extra))
        {
            return new SopsScalar(ScalarKind.Time, time) { ExtraNanoseconds = extra };
        }

        var plain = text.Replace("_", "", StringComparison.Ordinal);
        switch (ParseGoInt(plain))
        {
            case (true, var value):
                return SopsScalar.Of(value);
            case (false, _) when IsUnsigned64(plain):
                throw new FormatException("integer does not fit a signed 64-bit value");
        }

        if (FloatPattern().IsMatch(plain) && GoFormat.TryParseFloat(plain, out var d))
        {
            return SopsScalar.Of(d);
        }

        return SopsScalar.Of(text);
    }

    /// <summary>A tagged scalar (<c>!!str</c>, <c>!!int</c>, <c>!!binary</c>…); unknown tags are resolved as plain.</summary>
    public static SopsScalar ResolveTagged(string tag, string text, bool plainStyle)
    {
        var name = tag.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? tag["tag:yaml.org,2002:".Length..] : tag.TrimStart('!');
        switch (name)
        {
            case "str":
                return SopsScalar.Of(text);
            case "binary":
                var bytes = Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
                return ValueCodec.AsText(bytes);
            case "null":
                return SopsScalar.CreateNull();
            case "bool" or "int" or "float" or "timestamp":
                var resolved = ResolvePlain(text);
                return resolved.Kind switch
                {
                    ScalarKind.Int when name == "float" => SopsScalar.Of((double)(long)resolved.Value!),
                    ScalarKind.Bool when name == "bool" => resolved,
                    ScalarKind.Int when name == "int" => resolved,
                    ScalarKind.Float when name == "float" => resolved,
                    ScalarKind.Time when name == "timestamp" => resolved,
                    _ => throw new FormatException($"cannot decode '!!{name}' scalar"),
                };
            default:
                return plainStyle ? ResolvePlain(text) : SopsScalar.Of(text);
        }
    }

    private static (bool Ok, long Value) ParseGoInt(string text)
    {
        var negative = false;
        var body = text;
        if (body.StartsWith('+') || body.StartsWith('-'))
        {
            negative = body[0] == '-';
            body = body[1..];
        }

        if (body.Length == 0)
        {
            return (false, 0);
        }

        int radix;
        if (body.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            radix = 16;
            body = body[2..];
        }
        else if (body.StartsWith("0o", StringComparison.OrdinalIgnoreCase))
        {
            radix = 8;
            body = body[2..];
        }
        else if (body.StartsWith("0b", StringComparison.OrdinalIgnoreCase))
        {
            radix = 2;
            body = body[2..];
        }
        else if (body.Length > 1 && body[0] == '0')
        {
            radix = 8;
            body = body[1..];
        }
        else
        {
            radix = 10;
        }

        if (body.Length == 0)
        {
            return (false, 0);
        }

        System.Numerics.BigInteger value = 0;
        foreach (var c in body)
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'a' and <= 'f' => c - 'a' + 10,
                >= 'A' and <= 'F' => c - 'A' + 10,
                _ => 99,
            };
            if (digit >= radix)
            {
                return (false, 0);
            }

            value = (value * radix) + digit;
        }

        if (negative)
        {
            value = -value;
        }

        return value >= long.MinValue && value <= long.MaxValue ? (true, (long)value) : (false, 0);
    }

    private static bool IsUnsigned64(string text) =>
        text.TrimStart('+') is { Length: > 0 } digits && digits[0] != '0' && digits.All(char.IsAsciiDigit)
        && ulong.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool TryParseTimestamp(string text, out DateTimeOffset time, out int extra)
    {
        time = default;
        extra = 0;
        var match = TimestampPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        return GoFormat.TryBuild(match, GoFormat.ParseOffset(match.Groups["z"].Value), out time, out extra);
    }

    /// <summary>How yaml.v3 would write a string scalar (plain, quoted, or as a literal block at <paramref name="blockIndent"/>).</summary>
    public static string QuoteString(string value, int blockIndent, bool allowBlock = true)
    {
        if (value.Contains('\n', StringComparison.Ordinal) && allowBlock && !value.Any(c => char.IsControl(c) && c != '\n'))
        {
            return LiteralBlock(value, blockIndent);
        }

        if (value.Any(c => char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF'))
        {
            return DoubleQuoted(value);
        }

        if (value.Length == 0 || ResolvesToNonString(value) || IsYaml11Special(value))
        {
            return DoubleQuoted(value);
        }

        return IsPlainSafe(value) ? value : "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    public static string DoubleQuoted(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                '\0' => "\\0",
                _ when char.IsControl(c) || c is '\u2028' or '\u2029' or '\uFEFF' => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }

        return builder.Append('"').ToString();
    }

    private static string LiteralBlock(string value, int indent)
    {
        var chomp = value.EndsWith("\n\n", StringComparison.Ordinal) || value == "\n" ? "+" : value.EndsWith('\n') ? "" : "-";
        var indicator = value.StartsWith(' ') || value.StartsWith('\n') ? "4" : "";
        var body = value.EndsWith('\n') ? value[..^1] : value;
        var pad = new string(' ', indent);
        var builder = new StringBuilder("|").Append(indicator).Append(chomp);
        foreach (var line in body.Split('\n'))
        {
            builder.Append('\n');
            if (line.Length > 0)
            {
                builder.Append(pad).Append(line);
            }
        }

        return builder.ToString();
    }

    private static bool ResolvesToNonString(string value)
    {
        try
        {
            return ResolvePlain(value).Kind != ScalarKind.String;
        }
        catch (FormatException)
        {
            return true;
        }
    }

    private static bool IsYaml11Special(string value) => value.ToLowerInvariant() is "y" or "yes" or "n" or "no" or "on" or "off";

    private static bool IsPlainSafe(string value)
    {
        if (value[0] is '-' or '?' or ':' or ',' or '[' or ']' or '{' or '}' or '#' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`' or ' ')
        {
            return value[0] is '-' or '?' or ':' && value.Length > 1 && value[1] != ' ' && IsPlainSafe(value[1..]) && value[0] != ':';
        }

        return !value.EndsWith(' ') && !value.EndsWith(':') && !value.Contains(": ", StringComparison.Ordinal)
            && !value.Contains(" #", StringComparison.Ordinal) && !value.Contains('\t', StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    [GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{1,2})-(?<d>\d{1,2})(?:(?:[Tt](?<h>\d{1,2}):(?<mi>\d{1,2}):(?<s>\d{1,2})(?:\.(?<f>\d+))?(?<z>Z|[+-]\d{2}:\d{2}))|(?: (?<h>\d{1,2}):(?<mi>\d{1,2}):(?<s>\d{1,2})(?:\.(?<f>\d+))?))?$")]
    private static partial Regex TimestampPattern();
}
