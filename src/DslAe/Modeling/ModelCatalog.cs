namespace DslAe;

/// <summary>
/// The generated models of the running program. Generated code registers each model from a module
/// initializer, so a program finds its models without reflection.
/// </summary>
public static class ModelCatalog
{
    private static readonly List<ModelDefinition> Models = [];
    private static readonly Lock Gate = new();

    /// <summary>A snapshot of every registered model, in registration order.</summary>
    public static IReadOnlyList<ModelDefinition> All
    {
        get { lock (Gate) { return [.. Models]; } }
    }

    /// <summary>Called by generated code; registering the same definition twice keeps one.</summary>
    public static void Register(ModelDefinition model)
    {
        lock (Gate)
        {
            if (!Models.Contains(model)) Models.Add(model);
        }
    }

    /// <summary>The model named <paramref name="name"/> (case-insensitive), or an error listing the known ones.</summary>
    public static ModelDefinition Find(string name)
    {
        var all = All;
        return all.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(all.Count == 0
                ? $"No model named '{name}': this program declares no models. Add an [Autoencoder] record or a .dslae.yaml file."
                : $"No model named '{name}'. Known models: {string.Join(", ", all.Select(m => m.Name))}.");
    }
}
