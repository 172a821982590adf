using LibGit2Sharp;

namespace CiSecrets.Scanning.Sources;

/// <summary>One entry a commit changed against its first parent, as a tree-only diff without rename detection reports it.</summary>
internal readonly record struct TreeChange(ChangeKind Status, string Path, Mode Mode, ObjectId? Id, string OldPath, Mode OldMode, ObjectId? OldId);
