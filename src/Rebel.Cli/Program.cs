using Rebel.Cli;

return RebelCli.Run(args);
