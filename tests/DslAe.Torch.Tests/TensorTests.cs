namespace DslAe.Torch.Tests;

public class TensorTests
{
    [Fact]
    public void FromArray_and_ToArray_round_trip_every_dtype()
    {
        using var f = Torch.FromArray([1.5f, -2f, 3f, 4f, 5f, 6f], [2, 3]);
        Assert.Equal([2L, 3L], f.Shape);
        Assert.Equal(2, f.Dim);
        Assert.Equal(6, f.NumEl);
        Assert.Equal(ScalarType.Float32, f.Dtype);
        Assert.Equal(Device.Cpu, f.Device);
        Assert.Equal([1.5f, -2f, 3f, 4f, 5f, 6f], f.ToArray<float>());
        Assert.Equal([1.5, -2, 3, 4, 5, 6], f.ToArray<double>());

        using var d = Torch.FromArray([0.1, 0.2]);
        Assert.Equal(ScalarType.Float64, d.Dtype);
        Assert.Equal([0.1, 0.2], d.ToArray<double>());
        using var l = Torch.FromArray([long.MaxValue, -1L]);
        Assert.Equal([long.MaxValue, -1L], l.ToArray<long>());
        using var b = Torch.FromArray(new byte[] { 0, 255 });
        Assert.Equal(ScalarType.UInt8, b.Dtype);
        Assert.Equal(new byte[] { 0, 255 }, b.ToArray<byte>());
        using var bo = Torch.FromArray([true, false]);
        Assert.Equal(ScalarType.Bool, bo.Dtype);
        Assert.Equal([true, false], bo.ToArray<bool>());
        using var i = Torch.FromArray([7, -8]);
        Assert.Equal(ScalarType.Int32, i.Dtype);
    }

    [Fact]
    public void Tensor_factory_rejects_a_shape_that_does_not_match_the_data()
    {
        var e = Assert.Throws<ArgumentException>(() => Torch.Tensor([1f, 2f, 3f], 2, 2));
        Assert.Contains("[2, 2] holds 4 elements but 3 were given", e.Message);
    }

    [Fact]
    public void Item_and_ToString_describe_the_tensor()
    {
        using var t = Torch.Full([1], 2.5, ScalarType.Float64);
        Assert.Equal(2.5, t.Item<double>());
        Assert.Equal(2, t.Item<long>());
        using var m = Torch.Zeros([2, 3]);
        Assert.Equal("Tensor(shape=[2, 3], dtype=Float32, device=cpu)", m.ToString());
        m.RequiresGrad = true;
        Assert.Contains("requires_grad", m.ToString());
        Assert.Throws<InvalidOperationException>(() => m.Item<float>());
    }

    [Fact]
    public void Arithmetic_operators_match_PyTorch()
    {
        var (a, pa) = Given.Wave([2, 3]);
        var (b, pb) = Given.Wave([3], phase: 0.5, scale: 2);
        using var r = (a + b) * 2 - 1.5 / (b * b + 1) - (-a) / 3 + (3 - a);
        Expect.Close(r, $"a = {pa}\nb = {pb}\nresult = (a + b) * 2 - 1.5 / (b * b + 1) - (-a) / 3 + (3 - a)");
    }

    [Fact]
    public void Integer_tensors_keep_their_dtype_with_whole_scalars_and_divide_to_float()
    {
        using var x = Torch.Arange(5);
        using var y = x * 2 + 1;
        Assert.Equal(ScalarType.Int64, y.Dtype);
        Assert.Equal([1L, 3, 5, 7, 9], y.ToArray<long>());
        using var z = x / 2;
        Assert.Equal(ScalarType.Float32, z.Dtype);
        Assert.Equal([0f, 0.5f, 1f, 1.5f, 2f], z.ToArray<float>());
    }

    [Fact]
    public void Unary_math_and_reductions_match_PyTorch()
    {
        var (x, px) = Given.Wave([2, 3, 4], phase: 0.3);
        using var scope = Torch.NewDisposeScope();
        var pos = x.Abs() + 0.1;
        var ours = Torch.Cat(0, pos.Sqrt().Flatten(), pos.Log().Flatten(), x.Exp().Flatten(), x.Pow(3).Flatten(),
            x.Clamp(-0.5, 0.25).Flatten(), x.Clamp(min: 0).Flatten(), x.Sum(2).Flatten(), x.Mean([0, 2], keepdim: true).Flatten(),
            x.Sum().Reshape(1), x.Mean().Reshape(1), x.Max().Reshape(1), x.Min().Reshape(1), x.Argmax(1).To(ScalarType.Float32).Flatten(),
            x.Argmax().To(ScalarType.Float32).Reshape(1), x.Std().Reshape(1), x.Amax([1]).Flatten(), x.Square().Flatten(), x.Sigmoid().Flatten());
        Expect.Close(ours, $"""
            x = {px}
            pos = x.abs() + 0.1
            result = torch.cat([pos.sqrt().flatten(), pos.log().flatten(), x.exp().flatten(), x.pow(3).flatten(),
                x.clamp(-0.5, 0.25).flatten(), x.clamp(min=0).flatten(), x.sum(2).flatten(), x.mean([0, 2], keepdim=True).flatten(),
                x.sum().reshape(1), x.mean().reshape(1), x.max().reshape(1), x.min().reshape(1), x.argmax(1).float().flatten(),
                x.argmax().float().reshape(1), x.std().reshape(1), x.amax([1]).flatten(), x.square().flatten(), x.sigmoid().flatten()])
            """);
    }

    [Fact]
    public void Shape_operations_match_PyTorch()
    {
        var (x, px) = Given.Wave([2, 3, 4]);
        using var scope = Torch.NewDisposeScope();
        var parts = new[]
        {
            x.Reshape(4, 6), x.View(6, -1), x.Permute(2, 0, 1).Contiguous(), x.Flatten(1), x.Unflatten(2, 2, 2), x.Slice(2, 1, null, 2),
            x.Slice(1, 0, 2), x.Narrow(2, 1, 2), x.Transpose(0, 2), x.Select(1, 2), x.Unsqueeze(1).Squeeze(1), x.Flatten(0, 1).T(),
            Torch.Stack(1, x, x * 2), Torch.Cat(2, x, x.Neg()), x.Expand(3, 2, 3, 4),
        };
        var ours = Torch.Cat(0, parts.Select(p => p.Flatten()).ToArray());
        Expect.Close(ours, $"""
            x = {px}
            parts = [x.reshape(4, 6), x.view(6, -1), x.permute(2, 0, 1).contiguous(), x.flatten(1), x.unflatten(2, (2, 2)), x[:, :, 1::2],
                x[:, 0:2], x.narrow(2, 1, 2), x.transpose(0, 2), x.select(1, 2), x.unsqueeze(1).squeeze(1), x.flatten(0, 1).t(),
                torch.stack([x, x * 2], 1), torch.cat([x, -x], 2), x.expand(3, 2, 3, 4)]
            result = torch.cat([p.flatten() for p in parts])
            """);
        Assert.Equal([2L, 3, 2, 2], parts[4].Shape);
        Assert.Equal([3L, 2, 3, 4], parts[^1].Shape);
    }

    [Fact]
    public void In_place_operations_update_the_tensor_and_return_it()
    {
        using var x = Torch.Ones([3]);
        using var y = Torch.FromArray([1f, 2f, 3f]);
        Assert.Same(x, x.Add_(y, alpha: 2));
        Assert.Equal([3f, 5f, 7f], x.ToArray<float>());
        x.Mul_(2).Sub_(1).Div_(y);
        Assert.Equal([5f, 4.5f, 13f / 3f], x.ToArray<float>());
        x.CopyFrom_(y);
        Assert.Equal([1f, 2f, 3f], x.ToArray<float>());
        x.Zero_();
        Assert.Equal([0f, 0f, 0f], x.ToArray<float>());
        x.Fill_(4).ClampMax_(3);
        Assert.Equal([3f, 3f, 3f], x.ToArray<float>());
    }

    [Fact]
    public void Autograd_computes_gradients_and_no_grad_stops_recording()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Torch.FromArray([1.0, 2.0, 3.0]).RequiresGrad_();
        Assert.True(x.IsLeaf);
        Assert.Null(x.Grad);
        var y = (x * x).Sum();
        Assert.True(y.RequiresGrad);
        y.Backward();
        Assert.Equal([2.0, 4.0, 6.0], x.Grad!.ToArray<double>());
        (x * 3).Sum().Backward();
        Assert.Equal([5.0, 7.0, 9.0], x.Grad!.ToArray<double>());
        x.ClearGrad();
        Assert.Null(x.Grad);

        using (Torch.NoGrad())
        {
            Assert.False(Torch.IsGradEnabled);
            Assert.False((x * 2).RequiresGrad);
        }
        Assert.True(Torch.IsGradEnabled);
        Assert.False(x.Detach().RequiresGrad);
    }

    [Fact]
    public void Random_sampling_is_reproducible_with_a_manual_seed_and_matches_PyTorch()
    {
        using var scope = Torch.NewDisposeScope();
        Torch.ManualSeed(1234);
        var ours = Torch.Cat(0, Torch.Randn([5]), Torch.Rand([5]), Torch.Normal(2, 3, [4]),
            Torch.Bernoulli(Torch.Full([6], 0.5)), Torch.RandPerm(5).To(ScalarType.Float32));
        Expect.Close(ours, """
            torch.manual_seed(1234)
            result = torch.cat([torch.randn(5), torch.rand(5), torch.normal(2.0, 3.0, (4,)), torch.bernoulli(torch.full((6,), 0.5)), torch.randperm(5).float()])
            """);
        Torch.ManualSeed(1234);
        Assert.Equal(ours.Narrow(0, 0, 5).ToArray<float>(), Torch.Randn([5]).ToArray<float>());
    }

    [Fact]
    public void Thread_count_and_version_are_reported()
    {
        Assert.Equal(2, Torch.GetNumThreads());
        Assert.Matches(@"^\d+\.\d+", Torch.Version);
        Assert.StartsWith(Torch.Version.Split('.')[0] + "." + Torch.Version.Split('.')[1], Interop.NativeLoader.BuiltAgainstVersion);
        Assert.Throws<ArgumentOutOfRangeException>(() => Torch.SetNumThreads(0));
    }
}
