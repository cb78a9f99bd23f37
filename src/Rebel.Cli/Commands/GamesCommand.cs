using System.CommandLine;
using Rebel.Games.Zoo;

namespace Rebel.Cli.Commands;

/// <summary><c>rebel games</c>: the zoo, each family with its parameters, defaults and a one-line description.</summary>
internal static class GamesCommand
{
    public static Command Create()
    {
        var command = new Command("games", "List the built-in games (spec name:key=value,...) with their parameters and defaults.");
        command.SetAction(_ =>
        {
            foreach (var family in GameZoo.Families)
            {
                Console.WriteLine($"{family.Name} — {family.Description}");
                foreach (var p in family.Parameters)
                    Console.WriteLine($"    {p.Name + "=" + p.Default,-22} {p.Description}");
            }
            return 0;
        });
        return command;
    }
}
