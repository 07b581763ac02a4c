using Csol.Silo.Cli;

return await CsolCommandLine.Create().Parse(args).InvokeAsync();
