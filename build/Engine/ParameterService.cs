using System.Collections;
using System.Globalization;
using System.Reflection;

namespace CiSecrets.Build.Engine;

/// <summary>
/// Finds the <see cref="ParameterAttribute"/> fields of a build and sets each from the command line,
/// then the environment (<c>CISECRETS_NAME</c> before the bare <c>NAME</c>); a field nobody sets keeps
/// its initializer. Resolution order follows Nuke's ParameterService, minus the parts we do not need.
/// </summary>
public sealed class ParameterService(IReadOnlyDictionary<string, string> environment)
{
    public const string EnvironmentPrefix = "CISECRETS";

    /// <summary>Reads the process environment.</summary>
    public static ParameterService FromProcessEnvironment()
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            variables[(string)entry.Key] = (string?)entry.Value ?? "";
        }

        return new ParameterService(variables);
    }

    public static IReadOnlyList<BuildParameter> Discover(Type buildType) =>
        [.. buildType
            .GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Select(field => (Field: field, Attribute: field.GetCustomAttribute<ParameterAttribute>()))
            .Where(pair => pair.Attribute is not null)
            .Select(pair => new BuildParameter(pair.Field, pair.Attribute!.Description))];

    /// <summary>Sets every parameter field of <paramref name="build"/> that the command line or environment names.</summary>
    public void Inject(object build, CommandLine commandLine)
    {
        foreach (var parameter in Discover(build.GetType()))
        {
            var key = CommandLine.Normalize(parameter.Field.Name);
            string? source;
            IReadOnlyList<string>? values;
            if (commandLine.Options.TryGetValue(key, out var fromArguments))
            {
                (source, values) = (parameter.DashedName, fromArguments);
            }
            else if (FindVariable(EnvironmentPrefix + key) is { } prefixed)
            {
                (source, values) = (prefixed.Name, [prefixed.Value]);
            }
            else if (FindVariable(key) is { } bare)
            {
                (source, values) = (bare.Name, [bare.Value]);
            }
            else
            {
                continue;
            }

            parameter.Field.SetValue(build, Convert(parameter, values, source));
        }
    }

    private (string Name, string Value)? FindVariable(string normalizedName)
    {
        foreach (var (name, value) in environment)
        {
            if (CommandLine.Normalize(name) == normalizedName)
            {
                return (name, value);
            }
        }

        return null;
    }

    private static object? Convert(BuildParameter parameter, IReadOnlyList<string> values, string source)
    {
        var type = Nullable.GetUnderlyingType(parameter.Field.FieldType) ?? parameter.Field.FieldType;
        if (type == typeof(string[]))
        {
            return values.ToArray();
        }

        if (type == typeof(bool) && values.Count == 0)
        {
            return true;
        }

        if (values.Count != 1)
        {
            throw new BuildUsageException($"{source} takes exactly one value.");
        }

        var value = values[0];
        try
        {
            return type == typeof(string) ? value
                : type == typeof(bool) ? bool.Parse(value)
                : type == typeof(int) ? int.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : type == typeof(long) ? long.Parse(value, NumberStyles.Integer, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"Parameter type {type.Name} is not supported.");
        }
        catch (FormatException)
        {
            throw new BuildUsageException($"{source}: '{value}' is not a valid {type.Name.ToLowerInvariant()}.");
        }
        catch (OverflowException)
        {
            throw new BuildUsageException($"{source}: '{value}' is out of range.");
        }
    }
}

/// <summary>One parameter field and how it is named on the command line.</summary>
public sealed record BuildParameter(FieldInfo Field, string Description)
{
    public string DashedName => CommandLine.ToDashedName(Field.Name);
}
