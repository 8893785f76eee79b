Console.WriteLine("UNetDenoiser: its YAML model arrives with the YAML front end (issue 5).");
