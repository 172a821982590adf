using CiSecrets.Scanning.Detection;
using CiSecrets.Scanning.Rules;

namespace CiSecrets.Scanning.Tests;

/// <summary>Every rule proves itself with its own examples: a new rule is tested the moment it exists.</summary>
public sealed class RuleExampleTests
{
    public static TheoryData<string> RuleIds => [.. BuiltInRules.All.Select(rule => rule.Id)];

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Every_true_positive_example_is_reported_by_its_rule(string ruleId)
    {
        // Arrange
        var rule = BuiltInRules.All.Single(r => r.Id == ruleId);
        var detector = new Detector(BuiltInRules.All, ScanAllowlist.Default);
        Assert.NotEmpty(rule.TruePositives);

        foreach (var example in rule.TruePositives)
        {
            // Act
            var detections = detector.Detect(example.Path, example.Text);

            // Assert: the message names the example by index and path, never by its text.
            var index = rule.TruePositives.ToList().IndexOf(example);
            Assert.True(
                detections.Any(d => d.Rule.Id == ruleId),
                $"{ruleId}: true positive #{index} ({example.Path}) was not reported; got [{string.Join(", ", detections.Select(d => d.Rule.Id))}]");
        }
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void No_false_positive_example_is_reported_by_any_rule(string ruleId)
    {
        // Arrange
        var rule = BuiltInRules.All.Single(r => r.Id == ruleId);
        var detector = new Detector(BuiltInRules.All, ScanAllowlist.Default);
        Assert.NotEmpty(rule.FalsePositives);

        foreach (var example in rule.FalsePositives)
        {
            // Act
            var detections = detector.Detect(example.Path, example.Text);

            // Assert
            var index = rule.FalsePositives.ToList().IndexOf(example);
            Assert.True(
                detections.Count == 0,
                $"{ruleId}: false positive #{index} ({example.Path}) was reported as [{string.Join(", ", detections.Select(d => d.ToString()))}]");
        }
    }

    [Fact]
    public void Rule_ids_are_unique_and_kebab_case()
    {
        var ids = BuiltInRules.All.Select(rule => rule.Id).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[a-z0-9]+(?:-[a-z0-9]+)*$", id));
        Assert.All(BuiltInRules.All, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Description), rule.Id));
    }

    [Theory]
    [MemberData(nameof(RuleIds))]
    public void Keywords_are_lower_case_and_every_true_positive_holds_one(string ruleId)
    {
        var rule = BuiltInRules.All.Single(r => r.Id == ruleId);

        Assert.All(rule.Keywords, keyword => Assert.True(keyword.Length > 0 && keyword == keyword.ToLowerInvariant(), $"{ruleId}: keyword #{rule.Keywords.ToList().IndexOf(keyword)} is not lower-case"));
        if (rule.Keywords.Count > 0)
        {
            Assert.All(rule.TruePositives, example => Assert.True(
                rule.Keywords.Any(keyword => example.Text.Contains(keyword, StringComparison.OrdinalIgnoreCase)),
                $"{ruleId}: true positive #{rule.TruePositives.ToList().IndexOf(example)} holds none of the keywords"));
        }
    }
}
