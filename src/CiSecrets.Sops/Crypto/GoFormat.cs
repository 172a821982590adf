using System.Globalization;
using System.Text;

namespace CiSecrets.Sops;

/// <summary>
/// The Go formatting and parsing functions sops uses for plaintext values
/// (strconv.FormatFloat / ParseFloat / ParseBool / Atoi, time.Time.MarshalText).
/// https://pkg.go.dev/strconv
/// </summary>
internal static partial class GoFormat
{
    /// <summary><c>strconv.FormatFloat(v, 'f', -1, 64)</c>: shortest round-trip digits, never an exponent.</summary>
    public static string FormatFloatF(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "+Inf" : "-Inf";
        }

        var (negative, digits, pointPosition) = ShortestDigits(value);
        var sign = negative ? "-" : "";
        if (digits == "0")
        {
            return sign + "0";
        }

        string text;
        if (pointPosition <= 0)
        {
            text = "0." + new string('0', -pointPosition) + digits;
        }
        else if (pointPosition >= digits.Length)
        {
            text = digits + new string('0', pointPosition - digits.Length);
        }
        else
        {
            text = digits[..pointPosition] + "." + digits[pointPosition..];
        }

        return sign + text;
    }

    /// <summary><c>strconv.FormatFloat(v, 'g', -1, 64)</c> (what yaml.v3 writes for floats).</summary>
    public static string FormatFloatG(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return FormatFloatF(value);
        }

        var (negative, digits, pointPosition) = ShortestDigits(value);
        var sign = negative ? "-" : "";
        if (digits == "0")
        {
            return sign + "0";
        }

        // Go decides with precision 6 when the shortest representation is requested.
        var exponent = pointPosition - 1;
        return exponent < -4 || exponent >= 6 ? sign + Exponent(digits, exponent) : FormatFloatF(value);
    }

    private static string Exponent(string digits, int exponent)
    {
        var mantissa = digits.Length == 1 ? digits : digits[..1] + "." + digits[1..];
        var expSign = exponent < 0 ? "-" : "+";
        var magnitude = Math.Abs(exponent);
        return $"{mantissa}e{expSign}{(magnitude < 10 ? "0" : "")}{magnitude.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>Go's encoding/json float format (ES6 style: 'f' between 1e-6 and 1e21, else 'e').</summary>
    public static string FormatFloatJson(double value)
    {
        var abs = Math.Abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21))
        {
            var (negative, digits, pointPosition) = ShortestDigits(value);
            var text = Exponent(digits, pointPosition - 1);
            // encoding/json cleans e-07 to e-7.
            text = text.Replace("e-0", "e-", StringComparison.Ordinal).Replace("e+0", "e+", StringComparison.Ordinal);
            return (negative ? "-" : "") + text;
        }

        return FormatFloatF(value);
    }

    /// <summary>The shortest round-trip decimal digits of a finite double and the decimal point position.</summary>
    private static (bool Negative, string Digits, int PointPosition) ShortestDigits(double value)
    {
        var negative = value < 0 || (value == 0 && double.IsNegative(value));
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        var mantissaPart = shortest;
        var exponent = 0;
        var e = shortest.IndexOfAny(['E', 'e']);
        if (e >= 0)
        {
            mantissaPart = shortest[..e];
            exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var dot = mantissaPart.IndexOf('.', StringComparison.Ordinal);
        string digits;
        int point;
        if (dot >= 0)
        {
            digits = mantissaPart[..dot] + mantissaPart[(dot + 1)..];
            point = dot;
        }
        else
        {
            digits = mantissaPart;
            point = mantissaPart.Length;
        }

        point += exponent;
        var leading = 0;
        while (leading < digits.Length - 1 && digits[leading] == '0')
        {
            leading++;
        }

        digits = digits[leading..];
        point -= leading;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
        {
            return (negative, "0", 1);
        }

        return (negative, digits, point);
    }

    /// <summary><c>strconv.ParseFloat(s, 64)</c> for the decimal forms sops files contain (and Inf/NaN).</summary>
    public static bool TryParseFloat(string text, out double value)
    {
        switch (text.ToLowerInvariant())
        {
            case "inf" or "+inf" or "infinity" or "+infinity":
                value = double.PositiveInfinity;
                return true;
            case "-inf" or "-infinity":
                value = double.NegativeInfinity;
                return true;
            case "nan":
                value = double.NaN;
                return true;
        }

        if (text.Length == 0 || text.Contains(' ', StringComparison.Ordinal) || text.Contains(',', StringComparison.Ordinal))
        {
            value = 0;
            return false;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && !double.IsInfinity(value);
    }

    /// <summary><c>strconv.Atoi</c>: decimal digits with an optional sign.</summary>
    public static bool TryParseInt(string text, out long value)
    {
        value = 0;
        if (text.Length == 0)
        {
            return false;
        }

        var body = text[0] is '+' or '-' ? text[1..] : text;
        if (body.Length == 0 || !body.All(char.IsAsciiDigit))
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <summary><c>strconv.ParseBool</c>.</summary>
    public static bool TryParseBool(string text, out bool value)
    {
        switch (text)
        {
            case "1" or "t" or "T" or "TRUE" or "true" or "True":
                value = true;
                return true;
            case "0" or "f" or "F" or "FALSE" or "false" or "False":
                value = false;
                return true;
            default:
                value = false;
                return false;
        }
    }

    public static string FormatInt(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>The Python-heritage bool spelling sops encrypts (<c>True</c>/<c>False</c>).</summary>
    public static string FormatBoolTitle(bool value) => value ? "True" : "False";

    /// <summary><c>time.Time.MarshalText</c>: RFC 3339 with nanoseconds, trailing zeros trimmed, Z for UTC.</summary>
    public static string FormatTime(DateTimeOffset time, int extraNanoseconds = 0)
    {
        var builder = new StringBuilder(time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        var nanos = (time.Ticks % TimeSpan.TicksPerSecond * 100) + extraNanoseconds;
        if (nanos != 0)
        {
            builder.Append('.').Append(nanos.ToString("D9", CultureInfo.InvariantCulture).TrimEnd('0'));
        }

        AppendOffset(builder, time.Offset);
        return builder.ToString();
    }

    /// <summary><c>time.Format(time.RFC3339)</c>: whole seconds.</summary>
    public static string FormatTimeSeconds(DateTimeOffset time)
    {
        var builder = new StringBuilder(time.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
        AppendOffset(builder, time.Offset);
        return builder.ToString();
    }

    private static void AppendOffset(StringBuilder builder, TimeSpan offset)
    {
        if (offset == TimeSpan.Zero)
        {
            builder.Append('Z');
            return;
        }

        builder.Append(offset < TimeSpan.Zero ? '-' : '+');
        var abs = offset.Duration();
        builder.Append(abs.Hours.ToString("D2", CultureInfo.InvariantCulture)).Append(':').Append(abs.Minutes.ToString("D2", CultureInfo.InvariantCulture));
    }

    /// <summary><c>time.Parse(time.RFC3339, s)</c>, also accepting fractional seconds (as Go does).</summary>
    public static bool TryParseRfc3339(string text, out DateTimeOffset time, out int extraNanoseconds)
    {
        time = default;
        extraNanoseconds = 0;
        var match = Rfc3339Pattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        return TryBuild(match, ParseOffset(match.Groups["z"].Value), out time, out extraNanoseconds);
    }

    /// <summary>A zone designator: empty or Z for UTC, else ±hh:mm.</summary>
    internal static TimeSpan ParseOffset(string zone)
    {
        if (zone.Length < 6)
        {
            return TimeSpan.Zero;
        }

        var offset = new TimeSpan(int.Parse(zone.AsSpan(1, 2), CultureInfo.InvariantCulture), int.Parse(zone.AsSpan(4, 2), CultureInfo.InvariantCulture), 0);
        return zone[0] == '-' ? -offset : offset;
    }

    internal static bool TryBuild(System.Text.RegularExpressions.Match match, TimeSpan offset, out DateTimeOffset time, out int extraNanoseconds)
    {
        time = default;
        extraNanoseconds = 0;
        try
        {
            int Group(string name) => match.Groups[name].Success && match.Groups[name].Length > 0
                ? int.Parse(match.Groups[name].Value, CultureInfo.InvariantCulture)
                : 0;
            time = new DateTimeOffset(Group("y"), Group("mo"), Group("d"), Group("h"), Group("mi"), Group("s"), offset);
            var fraction = match.Groups["f"].Value;
            if (fraction.Length > 0)
            {
                var nanos = long.Parse(fraction.PadRight(9, '0')[..9], CultureInfo.InvariantCulture);
                time = time.AddTicks(nanos / 100);
                extraNanoseconds = (int)(nanos % 100);
            }

            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<y>\d{4})-(?<mo>\d{2})-(?<d>\d{2})[Tt](?<h>\d{2}):(?<mi>\d{2}):(?<s>\d{2})(\.(?<f>\d+))?(?<z>[Zz]|[+-]\d{2}:\d{2})$")]
    private static partial System.Text.RegularExpressions.Regex Rfc3339Pattern();
}
