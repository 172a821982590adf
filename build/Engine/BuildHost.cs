using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace CiSecrets.Build.Engine;

/// <summary>
/// The base of <c>Build</c>, in the place of Nuke's <c>NukeBuild</c>: finds the <see cref="Target"/>
/// properties and <see cref="ParameterAttribute"/> fields, plans the invoked targets, runs them, prints
/// a summary table and turns the outcome into the process exit code.
/// </summary>
public abstract class BuildHost
{
    private readonly List<string> _closingLines = [];

    /// <summary>The repository root: the nearest folder upwards that holds <c>CiSecrets.sln</c>.</summary>
    protected static string RootDirectory { get; } = FindRoot();

    protected static string ArtifactsDirectory => Path.Combine(RootDirectory, "artifacts");

    /// <summary>Lines printed after the summary, as the very last output of the build (e.g. a test count).</summary>
    protected void AddClosingLine(string line) => _closingLines.Add(line);

    /// <summary>Runs the build. <paramref name="defaultTarget"/> runs when no target is named, as in Nuke.</summary>
    public static int Execute<TBuild>(IReadOnlyList<string> args, Func<TBuild, Target> defaultTarget)
        where TBuild : BuildHost, new()
    {
        var build = new TBuild();
        try
        {
            var commandLine = CommandLine.Parse(args);
            var targets = build.DiscoverTargets();
            var parameters = ParameterService.Discover(typeof(TBuild));
            var defaultName = defaultTarget(build).Name;
            RejectUnknownOptions(commandLine, parameters);

            if (commandLine.Options.ContainsKey("help"))
            {
                Console.Write(HelpText.Render(targets, defaultName, parameters));
                return 0;
            }

            ParameterService.FromProcessEnvironment().Inject(build, commandLine);
            var invoked = commandLine.Targets.Count > 0 ? commandLine.Targets : [defaultName];
            commandLine.Options.TryGetValue("skip", out var skip);
            var plan = ExecutionPlan.Create(targets, invoked, skip);
            return build.Run(plan);
        }
        catch (BuildUsageException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            Console.Error.WriteLine("Run ./build.sh --help for the targets and parameters.");
            return 2;
        }
    }

    private Dictionary<string, Target> DiscoverTargets()
    {
        var targets = new Dictionary<string, Target>(StringComparer.OrdinalIgnoreCase);
        var properties = GetType()
            .GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(property => property.PropertyType == typeof(Target))
            .OrderBy(property => property.MetadataToken);
        foreach (var property in properties)
        {
            var target = (Target)property.GetValue(this)!;
            if (target.Name != property.Name)
            {
                throw new InvalidOperationException($"Target property {property.Name} declares the name '{target.Name}'.");
            }

            targets.Add(target.Name, target);
        }

        return targets;
    }

    private static void RejectUnknownOptions(CommandLine commandLine, IReadOnlyList<BuildParameter> parameters)
    {
        var known = parameters.Select(p => CommandLine.Normalize(p.Field.Name)).Concat(["help", "skip"]).ToHashSet();
        var unknown = commandLine.Options.Keys.FirstOrDefault(name => !known.Contains(name));
        if (unknown is not null)
        {
            throw new BuildUsageException($"Unknown option '--{unknown}'.");
        }
    }

    private int Run(ExecutionPlan plan)
    {
        var results = new List<TargetResult>();
        var exitCode = 0;
        foreach (var target in plan.Targets)
        {
            if (exitCode != 0)
            {
                results.Add(new(target.Name, TargetStatus.NotRun, TimeSpan.Zero, null));
                continue;
            }

            if (plan.Skipped.Contains(target.Name))
            {
                results.Add(new(target.Name, TargetStatus.Skipped, TimeSpan.Zero, "--skip"));
                continue;
            }

            Console.WriteLine();
            Console.WriteLine($"═══ {target.Name} {new string('═', Math.Max(3, 72 - target.Name.Length))}");
            var stopwatch = Stopwatch.StartNew();
            var (status, note) = RunOne(target, ref exitCode);
            results.Add(new(target.Name, status, stopwatch.Elapsed, note));
        }

        Console.WriteLine();
        Console.Write(SummaryTable.Render(results));
        Console.WriteLine();
        var when = DateTime.Now.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        Console.WriteLine(exitCode == 0 ? $"Build succeeded on {when}." : $"Build failed on {when}.");
        foreach (var line in _closingLines)
        {
            Console.WriteLine(line);
        }

        return exitCode;
    }

    private static (TargetStatus Status, string? Note) RunOne(Target target, ref int exitCode)
    {
        try
        {
            if (target.Condition is { } condition && !condition.IsMet())
            {
                Console.WriteLine($"Skipping {target.Name}: {condition.WhenNotMet}");
                return (TargetStatus.Skipped, condition.WhenNotMet);
            }

            target.Action();
            return (TargetStatus.Succeeded, null);
        }
        catch (TargetFailedException e)
        {
            Console.Error.WriteLine($"{target.Name} failed: {e.Message}");
            exitCode = e.ExitCode;
            return (TargetStatus.Failed, e.Message);
        }
        catch (BuildUsageException e)
        {
            Console.Error.WriteLine($"{target.Name}: {e.Message}");
            exitCode = 2;
            return (TargetStatus.Failed, e.Message);
        }
        catch (Exception e)
        {
            // Anything else is a bug or an environment problem: show all of it, still print the summary.
            Console.Error.WriteLine($"{target.Name} failed: {e}");
            exitCode = 1;
            return (TargetStatus.Failed, e.Message);
        }
    }

    private static string FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "CiSecrets.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("CiSecrets.sln not found above the current directory or the build host.");
    }
}
