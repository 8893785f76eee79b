Console.WriteLine("benchmarks arrive with DslAe.Torch.");
