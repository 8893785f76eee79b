return await DslAe.Cli.DslAeApp.RunAsync(args);
