using DslAe.Generators.Tests.Snapshots;

namespace DslAe.Generators.Tests;

/// <summary>The snapshot helper itself: a mismatch fails with a diff and a received file; accept mode writes verified.</summary>
public sealed class SnapshotHelperTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dslae-snapshot-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Verified => Path.Combine(_directory, "Sample.verified.cs");

    private string Received => Path.Combine(_directory, "Sample.received.cs");

    [Fact]
    public void Equal_text_passes_and_leaves_no_received_file()
    {
        File.WriteAllText(Verified, "class A\n{\n}\n");

        Snapshot.Match("class A\n{\n}\n", _directory, "Sample", accept: false);

        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Line_endings_and_byte_order_mark_do_not_count_as_differences()
    {
        File.WriteAllText(Verified, "\uFEFFclass A\r\n{\r\n}\r\n");

        Snapshot.Match("class A\n{\n}", _directory, "Sample", accept: false);
    }

    [Fact]
    public void Mismatch_fails_writes_the_received_file_and_shows_a_unified_diff()
    {
        File.WriteAllText(Verified, "one\ntwo\nthree\nfour\nfive\n");

        var failure = Assert.Throws<SnapshotMismatchException>(() =>
            Snapshot.Match("one\ntwo\nTHREE\nfour\nfive\n", _directory, "Sample", accept: false));

        Assert.Equal("one\ntwo\nTHREE\nfour\nfive\n", File.ReadAllText(Received));
        Assert.Equal("one\ntwo\nthree\nfour\nfive\n", File.ReadAllText(Verified));
        Assert.Contains(
            "--- Sample.verified.cs\n+++ Sample.received.cs\n@@ -1,5 +1,5 @@\n one\n two\n-three\n+THREE\n four\n five\n",
            failure.Message);
        Assert.Contains(Snapshot.AcceptVariable + "=1", failure.Message);
    }

    [Fact]
    public void Missing_verified_file_fails_and_says_so()
    {
        var failure = Assert.Throws<SnapshotMismatchException>(() => Snapshot.Match("new\n", _directory, "Sample", accept: false));

        Assert.Contains("no verified snapshot yet", failure.Message);
        Assert.True(File.Exists(Received));
    }

    [Fact]
    public void Accept_mode_writes_the_verified_file_and_removes_a_stale_received_one()
    {
        File.WriteAllText(Verified, "old\n");
        File.WriteAllText(Received, "stale\n");

        Snapshot.Match("new\r\n", _directory, "Sample", accept: true);

        Assert.Equal("new\n", File.ReadAllText(Verified));
        Assert.False(File.Exists(Received));
    }

    [Fact]
    public void Distant_changes_become_separate_hunks_with_three_lines_of_context()
    {
        var before = string.Join("\n", Enumerable.Range(1, 20).Select(i => "line" + i)) + "\n";
        var after = before.Replace("line2\n", "changed2\n").Replace("line18\n", "");

        var diff = UnifiedDiff.Render(before, after, "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n" +
            "@@ -1,5 +1,5 @@\n line1\n-line2\n+changed2\n line3\n line4\n line5\n" +
            "@@ -15,6 +15,5 @@\n line15\n line16\n line17\n-line18\n line19\n line20\n",
            diff);
    }
}
