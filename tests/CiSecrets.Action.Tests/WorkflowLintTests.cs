using System.Text.RegularExpressions;

namespace CiSecrets.Action.Tests;

/// <summary>
/// The workflows under .github/workflows: they parse, every job states its permissions, every
/// third-party action is pinned to a full commit SHA with a version comment, and rotation never
/// pushes to the default branch.
/// </summary>
public sealed partial class WorkflowLintTests
{
    public static TheoryData<string> Workflows() => [.. RepositoryFiles.Workflows.Select(Path.GetFileName).OfType<string>()];

    [Fact]
    public void The_expected_workflows_exist()
    {
        Assert.Equal(
            ["ci.yml", "deploy-gate.yml", "release.yml", "rotate-secrets.yml", "secret-gate.yml"],
            RepositoryFiles.Workflows.Select(Path.GetFileName));
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Workflow_parses_and_every_job_has_explicit_permissions(string file)
    {
        var workflow = Load(file);

        Assert.True(workflow.Has("on"), $"{file} has no triggers");
        Assert.True(workflow.Has("permissions"), $"{file} sets no top-level permissions (the default token is broad)");
        foreach (var (name, job) in workflow.Map("jobs").Entries())
        {
            Assert.True(job.Has("permissions"), $"{file}: job {name} has no explicit permissions");
            Assert.True(job.Has("steps"), $"{file}: job {name} has no steps");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Every_action_is_this_repository_or_pinned_to_a_commit_sha_with_a_version_comment(string file)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryFiles.WorkflowsDirectory, file));
        var uses = lines.Select(line => UsesLine().Match(line)).Where(match => match.Success).ToList();

        Assert.NotEmpty(uses);
        foreach (var match in uses)
        {
            var reference = match.Groups["ref"].Value;
            if (reference.StartsWith("./", StringComparison.Ordinal))
            {
                continue;
            }

            Assert.True(PinnedReference().IsMatch(reference), $"{file}: '{reference}' is not pinned to a 40-hex commit SHA");
            Assert.True(VersionComment().IsMatch(match.Groups["comment"].Value), $"{file}: '{reference}' has no '# vX.Y.Z' comment");
        }
    }

    [Theory]
    [MemberData(nameof(Workflows))]
    public void Run_steps_interpolate_no_event_data(string file)
    {
        // github.event.* and inputs.* pasted into a script are script injection; pass them through env.
        foreach (var (job, step) in Steps(Load(file)))
        {
            var run = step.Text("run");
            Assert.False(run is not null && run.Contains("${{", StringComparison.Ordinal), $"{file}: a run step of job {job} interpolates an expression");
        }
    }

    [Fact]
    public void Rotate_secrets_runs_monthly_and_on_demand_with_a_secrets_input()
    {
        var workflow = Load("rotate-secrets.yml");
        var on = workflow.Map("on");

        Assert.Equal("0 0 1 * *", Assert.Single(on.List("schedule")).Text("cron"));
        Assert.True(on.Map("workflow_dispatch").Map("inputs").Has("secrets"));
        var permissions = workflow.Map("jobs").Map("rotate").Map("permissions");
        Assert.Equal("write", permissions.Text("contents"));
        Assert.Equal("write", permissions.Text("pull-requests"));
        var rotate = Steps(workflow).Select(pair => pair.Step).Single(step => step.Text("uses") == "./");
        Assert.Equal("rotate", rotate.Map("with").Text("command"));
        Assert.Contains("--due", rotate.Map("with").Text("args"), StringComparison.Ordinal);
        Assert.Contains("inputs.secrets", rotate.Map("with").Text("args"), StringComparison.Ordinal);
    }

    [Fact]
    public void Rotate_secrets_never_pushes_and_uses_write_access_only_for_the_rotate_command()
    {
        var workflow = Load("rotate-secrets.yml");
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsDirectory, "rotate-secrets.yml"));

        Assert.DoesNotMatch(GitPush(), text);
        foreach (var (name, job) in workflow.Map("jobs").Entries())
        {
            var writes = job.Child("permissions") is Dictionary<object, object> permissions && permissions.Text("contents") == "write";
            if (!writes)
            {
                continue;
            }

            foreach (var step in job.List("steps").Cast<Dictionary<object, object>>())
            {
                var uses = step.Text("uses") ?? "";
                var isCheckout = uses.StartsWith("actions/checkout@", StringComparison.Ordinal);
                var isRotate = uses == "./" && step.Map("with").Text("command") == "rotate";
                Assert.True(isCheckout || isRotate, $"job {name} has contents: write and a step other than checkout and rotate: {uses}{step.Text("run")}");
                if (isCheckout)
                {
                    // No credentials left in .git/config for anything else to push with.
                    Assert.Equal("false", step.Map("with").Text("persist-credentials"));
                }
            }
        }
    }

    [Fact]
    public void Secret_gate_scans_the_full_history_of_a_pull_request_validates_sops_and_uploads_sarif()
    {
        var workflow = Load("secret-gate.yml");
        var steps = Steps(workflow).Select(pair => pair.Step).ToList();

        Assert.True(workflow.Map("on").Has("pull_request"));
        Assert.Equal("0", steps.Single(step => step.Text("uses")?.StartsWith("actions/checkout@", StringComparison.Ordinal) == true).Map("with").Text("fetch-depth"));
        Assert.Contains(steps, step => step.Text("uses") == "./" && step.Map("with").Text("command") == "scan");
        Assert.Contains(steps, step => step.Text("uses") == "./" && step.Map("with").Text("command") == "sops-validate");
        Assert.Contains(steps, step => step.Text("uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);
        var permissions = workflow.Map("jobs").Map("gate").Map("permissions");
        Assert.Equal(["contents", "security-events"], permissions.Keys.Cast<string>().Order(StringComparer.Ordinal));
        Assert.Equal("read", permissions.Text("contents"));
    }

    [Fact]
    public void Deploy_gate_is_reusable_and_applies_only_after_the_gate_passed()
    {
        var workflow = Load("deploy-gate.yml");
        var jobs = workflow.Map("jobs");

        Assert.Equal("true", workflow.Map("on").Map("workflow_call").Map("inputs").Map("phase").Text("required"));
        var gate = jobs.Map("gate");
        Assert.Equal("${{ steps.gate.outputs.verdict }}", gate.Map("outputs").Text("verdict"));
        var gateStep = gate.List("steps").Cast<Dictionary<object, object>>().Single(step => step.Text("id") == "gate");
        Assert.Equal("gate", gateStep.Map("with").Text("command"));
        Assert.Equal("${{ inputs.phase }}", gateStep.Map("with").Text("args"));
        var apply = jobs.Map("apply");
        Assert.Equal("gate", apply.Text("needs"));
        Assert.Equal("needs.gate.outputs.verdict == 'pass' || needs.gate.outputs.verdict == 'warn'", apply.Text("if"));
        Assert.Contains(apply.List("steps").Cast<Dictionary<object, object>>(), step => step.Child("with").Text("command") == "k8s-apply");
    }

    [Fact]
    public void Release_pushes_the_image_the_action_names_and_packs_the_tool()
    {
        var workflow = Load("release.yml");
        var text = File.ReadAllText(Path.Combine(RepositoryFiles.WorkflowsDirectory, "release.yml"));

        Assert.Equal("v*.*.*", Assert.Single(workflow.Map("on").Map("push").List("tags")));
        Assert.Equal("write", workflow.Map("jobs").Map("image").Map("permissions").Text("packages"));
        Assert.Contains("ghcr.io/${OWNER,,}/cisecrets", text, StringComparison.Ordinal);
        Assert.Contains(Steps(workflow).Select(pair => pair.Step), step => step.Text("run") == "./build.sh Pack");
    }

    [Fact]
    public void Ci_builds_tests_packs_and_uploads_the_dogfood_sarif()
    {
        var runs = Steps(Load("ci.yml")).Select(pair => pair.Step.Text("run")).OfType<string>().ToList();
        var uploads = Steps(Load("ci.yml")).Select(pair => pair.Step).Where(step => step.Text("uses")?.StartsWith("github/codeql-action/upload-sarif@", StringComparison.Ordinal) == true);

        Assert.Contains("./build.sh Test", runs);
        Assert.Contains("./build.sh Pack", runs);
        Assert.Contains("./build.sh Dogfood", runs);
        Assert.Equal("artifacts/dogfood.sarif", Assert.Single(uploads).Map("with").Text("sarif_file"));
    }

    private static Dictionary<object, object> Load(string file) => RepositoryFiles.LoadYaml(Path.Combine(RepositoryFiles.WorkflowsDirectory, file));

    private static IEnumerable<(string Job, Dictionary<object, object> Step)> Steps(Dictionary<object, object> workflow) =>
        workflow.Map("jobs").Entries().SelectMany(job => job.Value.List("steps").Cast<Dictionary<object, object>>().Select(step => (job.Key, step)));

    [GeneratedRegex(@"^\s*(-\s+)?uses:\s*(?<ref>\S+)\s*(?<comment>#.*)?$")]
    private static partial Regex UsesLine();

    [GeneratedRegex(@"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")]
    private static partial Regex PinnedReference();

    [GeneratedRegex(@"^#\s*v\d+(\.\d+){0,2}\s*$")]
    private static partial Regex VersionComment();

    [GeneratedRegex(@"git\s+push")]
    private static partial Regex GitPush();
}
