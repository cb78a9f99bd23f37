namespace Rebel.Games.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-atomic-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void WriteReplacesTheTargetAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_dir, "metrics.jsonl");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal(["metrics.jsonl"], Directory.GetFiles(_dir).Select(Path.GetFileName));
    }

    [Fact]
    public void FailedWriteKeepsTheOldContentAndRemovesItsTemporaryFile()
    {
        string path = Path.Combine(_dir, "policy.json");
        AtomicFile.WriteAllText(path, "kept");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, s =>
        {
            s.WriteByte(42);
            throw new InvalidOperationException("crash mid-write");
        }));
        Assert.Equal("kept", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(_dir));
    }

    [Fact]
    public void DeleteStaleTemporariesRemovesOnlyTheTemporariesOfThatFile()
    {
        string path = Path.Combine(_dir, "checkpoint.json");
        File.WriteAllText(path, "{}");
        // What a write killed between creating and renaming its temporary file leaves behind.
        string stale = Path.Combine(_dir, ".checkpoint.json.4242.0123456789abcdef.tmp");
        string otherFiles = Path.Combine(_dir, ".metrics.jsonl.4242.0123456789abcdef.tmp");
        File.WriteAllText(stale, "{partial");
        File.WriteAllText(otherFiles, "partial");

        AtomicFile.DeleteStaleTemporaries(path);

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(otherFiles));
        Assert.Equal("{}", File.ReadAllText(path));
    }
}
