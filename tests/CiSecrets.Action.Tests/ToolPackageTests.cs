namespace CiSecrets.Action.Tests;

/// <summary>The packed dotnet tool installs into a tool path and runs.</summary>
public sealed class ToolPackageTests(PackedTool tool) : IClassFixture<PackedTool>
{
    [Fact]
    public void Pack_produces_the_CiSecrets_tool_package_at_the_projects_version()
    {
        Assert.True(tool.Pack.ExitCode == 0, $"dotnet pack failed: {tool.Pack.Output}");
        Assert.True(File.Exists(Path.Combine(tool.PackagesDirectory, $"CiSecrets.{tool.Version}.nupkg")), "no CiSecrets package in the pack output");
    }

    [Fact(Timeout = 120_000)]
    public async Task The_installed_tool_reports_its_version()
    {
        Assert.True(tool.Install.ExitCode == 0, $"dotnet tool install failed: {tool.Install.Output}");

        var run = await PackedTool.RunAsync(tool.Executable, ["--version"], TimeSpan.FromMinutes(1));

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith(tool.Version, run.Output.Trim(), StringComparison.Ordinal);
    }

    [Fact(Timeout = 120_000)]
    public async Task The_installed_tool_lists_the_commands_the_action_runs()
    {
        Assert.True(tool.Install.ExitCode == 0, $"dotnet tool install failed: {tool.Install.Output}");

        var run = await PackedTool.RunAsync(tool.Executable, ["scan", "--help"], TimeSpan.FromMinutes(1));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--range", run.Output, StringComparison.Ordinal);
        Assert.Contains("--sarif-file", run.Output, StringComparison.Ordinal);
    }
}
