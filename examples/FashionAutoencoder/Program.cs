using FashionAutoencoder;

Console.WriteLine(FashionAe.Definition.Summary);
