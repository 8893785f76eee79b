Console.WriteLine("FashionAutoencoder: training arrives with the runtime (issue 6).");
