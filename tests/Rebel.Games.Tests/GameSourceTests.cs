namespace Rebel.Games.Tests;

public sealed class GameSourceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rebel-gamesource-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void LoadsFilesAndSpecs()
    {
        string path = Path.Combine(_dir, "g.json");
        GameFile.Write(path, Rebel.Games.Zoo.GameZoo.Create("rps:win=0.75"));
        Assert.Equal(0.25, GameSource.Load(path).Contexts[0].Preference[0, 1]);
        Assert.Equal(0.25, GameSource.Load("rps:win=0.75").Contexts[0].Preference[0, 1]);
    }

    [Theory]
    [InlineData("missing.json")]
    [InlineData("games/missing")]
    public void AMissingFileIsReportedAsSuch(string path)
    {
        Assert.Equal(path + ": game file not found", Assert.Throws<GameValidationException>(() => GameSource.Load(path)).Message);
    }
}
