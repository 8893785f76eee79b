namespace DslAe.Torch;

/// <summary>
/// Frees, when disposed, every tensor created on this thread while it was the innermost scope,
/// except those moved out with <see cref="Tensor.MoveToOuterDisposeScope"/> or <see cref="Detach"/>.
/// Create with <see cref="Torch.NewDisposeScope"/>; scopes nest and must be disposed innermost first.
/// </summary>
public sealed class DisposeScope : IDisposable
{
    [ThreadStatic] private static DisposeScope? current;

    private readonly List<Tensor> owned = [];
    private bool disposed;

    internal DisposeScope()
    {
        Outer = current;
        current = this;
    }

    internal static DisposeScope? Current => current;

    /// <summary>The scope that was innermost when this one was opened (null at the top).</summary>
    public DisposeScope? Outer { get; }

    /// <summary>Number of tensors this scope will free.</summary>
    public int Count => owned.Count(t => t.OwnerScope == this);

    internal void Register(Tensor tensor)
    {
        tensor.OwnerScope = this;
        owned.Add(tensor);
    }

    /// <summary>Takes the tensor out of this scope: it survives the scope and is the caller's to dispose.</summary>
    public Tensor Detach(Tensor tensor)
    {
        if (tensor.OwnerScope == this) tensor.OwnerScope = null;
        return tensor;
    }

    public void Dispose()
    {
        if (disposed) return;
        if (current != this)
            throw new InvalidOperationException("dispose scopes must be disposed innermost first (use `using var scope = Torch.NewDisposeScope();`)");
        disposed = true;
        current = Outer;
        // Tensors moved out were re-homed (OwnerScope changed), so only ours are freed.
        foreach (var tensor in owned)
            if (tensor.OwnerScope == this) tensor.Dispose();
        owned.Clear();
    }
}
