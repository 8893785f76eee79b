namespace DslAe.Torch.Tests;

public class DisposeScopeTests
{
    [Fact]
    public void Disposing_a_scope_frees_what_was_made_inside_except_what_moved_out()
    {
        Tensor kept, detached, freed;
        using (var scope = Torch.NewDisposeScope())
        {
            freed = Torch.Ones([2]);
            kept = (freed * 2).MoveToOuterDisposeScope();
            detached = scope.Detach(Torch.Zeros([1]));
            Assert.Equal(1, scope.Count);
        }
        Assert.True(freed.IsDisposed);
        Assert.False(kept.IsDisposed);
        Assert.False(detached.IsDisposed);
        Assert.Equal([2f, 2f], kept.ToArray<float>());
        kept.Dispose();
        detached.Dispose();
    }

    [Fact]
    public void Nested_scopes_hand_moved_tensors_to_the_outer_scope()
    {
        Tensor inner, survivor;
        using (var outer = Torch.NewDisposeScope())
        {
            using (Torch.NewDisposeScope())
            {
                inner = Torch.Ones([1]);
                survivor = Torch.Ones([1]).MoveToOuterDisposeScope();
            }
            Assert.True(inner.IsDisposed);
            Assert.False(survivor.IsDisposed);
            Assert.Equal(1, outer.Count);
        }
        Assert.True(survivor.IsDisposed);
    }

    [Fact]
    public void Tensors_outside_any_scope_belong_to_the_caller()
    {
        var t = Torch.Ones([1]);
        using (Torch.NewDisposeScope()) { }
        Assert.False(t.IsDisposed);
        t.Dispose();
        Assert.True(t.IsDisposed);
        Assert.Equal("Tensor(disposed)", t.ToString());
    }

    [Fact]
    public void Scopes_must_be_disposed_innermost_first()
    {
        var outer = Torch.NewDisposeScope();
        var inner = Torch.NewDisposeScope();
        Assert.Throws<InvalidOperationException>(outer.Dispose);
        inner.Dispose();
        outer.Dispose();
    }

    [Fact]
    public void Module_parameters_made_inside_a_scope_are_not_owned_by_it()
    {
        Nn.Linear layer;
        using (Torch.NewDisposeScope())
        {
            layer = new Nn.Linear(3, 2);
        }
        Assert.All(layer.Parameters(), p => Assert.False(p.IsDisposed));
        layer.Dispose();
        Assert.All(layer.Parameters(), p => Assert.True(p.IsDisposed));
    }
}
