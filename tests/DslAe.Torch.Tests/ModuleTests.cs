using DslAe.Torch.Nn;

namespace DslAe.Torch.Tests;

public class ModuleTests
{
    /// <summary>A small encoder/decoder with a tied weight, nested modules and buffers.</summary>
    private sealed class TinyAe : Module<Tensor, Tensor>
    {
        public readonly Conv2d Enc1;
        public readonly BatchNorm2d Norm;
        public readonly ConvTranspose2d Dec1;

        public TinyAe()
        {
            Enc1 = RegisterModule("enc1", new Conv2d(1, 4, 3, stride: 2, padding: 1));
            Norm = RegisterModule("norm", new BatchNorm2d(4));
            Dec1 = RegisterModule("dec1", new ConvTranspose2d(4, 1, 3, stride: 2, padding: 1, outputPadding: 1));
            Dec1.Weight = Enc1.Weight; // tied: ConvTranspose2d(4→1) has Conv2d(1→4)'s weight shape
        }

        public override Tensor Forward(Tensor input) => Dec1.Forward(Functional.Relu(Norm.Forward(Enc1.Forward(input))));
    }

    [Fact]
    public void Named_parameters_buffers_and_modules_use_PyTorchs_dotted_names()
    {
        using var m = new TinyAe();
        Assert.Equal(["enc1.weight", "enc1.bias", "norm.weight", "norm.bias", "dec1.bias"], m.NamedParameters().Select(p => p.Key));
        Assert.Equal(["norm.running_mean", "norm.running_var", "norm.num_batches_tracked"], m.NamedBuffers().Select(b => b.Key));
        Assert.Equal(["", "enc1", "norm", "dec1"], m.NamedModules().Select(x => x.Key));
        Assert.Equal(3, m.Children().Count());
        Assert.Equal(4 * 9 + 4 + 4 + 4 + 1, m.ParameterCount);
        Assert.Same(m.Enc1.Weight, m.Dec1.Weight);
        Assert.Equal(["enc1.weight", "enc1.bias", "norm.weight", "norm.bias", "dec1.weight", "dec1.bias", "norm.running_mean", "norm.running_var", "norm.num_batches_tracked"],
            m.StateDict().Keys);
    }

    [Fact]
    public void Train_and_eval_switch_every_submodule_and_change_batch_norm()
    {
        using var m = new TinyAe();
        using var scope = Torch.NewDisposeScope();
        var x = Given.Wave([2, 1, 6, 6]).Tensor;
        Assert.True(m.Norm.IsTraining);
        m.Forward(x);
        Assert.Equal(1L, m.Norm.NumBatchesTracked.Item<long>());
        Assert.NotEqual([0f, 0f, 0f, 0f], m.Norm.RunningMean.ToArray<float>());
        m.Eval();
        Assert.All(m.NamedModules(), kv => Assert.False(kv.Value.IsTraining));
        var mean = m.Norm.RunningMean.ToArray<float>();
        m.Forward(x);
        Assert.Equal(mean, m.Norm.RunningMean.ToArray<float>());
        m.Train();
        Assert.True(m.Dec1.IsTraining);
    }

    [Fact]
    public void Batch_norm_module_matches_PyTorch_in_training_then_evaluation()
    {
        using var bn = new BatchNorm2d(3, momentum: 0.2);
        using var scope = Torch.NewDisposeScope();
        var (x, px) = Given.Wave([4, 3, 2, 2]);
        var train = bn.Forward(x);
        bn.Forward(x * 2);
        bn.Eval();
        var eval = bn.Forward(x);
        Expect.Close(Torch.Cat(0, train.Flatten(), eval.Flatten(), bn.RunningMean, bn.RunningVar), $"""
            bn = torch.nn.BatchNorm2d(3, momentum=0.2)
            x = {px}
            train = bn(x)
            bn(x * 2)
            bn.eval()
            result = torch.cat([train.flatten(), bn(x).flatten(), bn.running_mean, bn.running_var])
            """);
    }

    [Fact]
    public void Layers_use_PyTorchs_default_initialisation_bounds()
    {
        using var conv = new Conv2d(8, 4, 3);
        using var convT = new ConvTranspose2d(8, 6, 3, groups: 2);
        using var lin = new Linear(50, 10);
        AssertUniform(conv.Weight, 1 / Math.Sqrt(8 * 9));
        AssertUniform(conv.Bias!, 1 / Math.Sqrt(8 * 9));
        Assert.Equal([8L, 3, 3, 3], convT.Weight.Shape);
        AssertUniform(convT.Weight, 1 / Math.Sqrt(3 * 9));
        AssertUniform(lin.Weight, 1 / Math.Sqrt(50));
        Assert.True(conv.Weight.RequiresGrad);

        static void AssertUniform(Tensor t, double bound)
        {
            var v = t.ToArray<float>();
            Assert.All(v, x => Assert.InRange(x, -bound, bound));
            // Too few values to expect a spread in a 4-element bias; the weights have dozens.
            Assert.True(v.Length < 20 || (v.Max() > bound * 0.5 && v.Min() < -bound * 0.5), "values should spread over the bound");
        }
    }

    [Fact]
    public void Layer_modules_compute_the_same_as_their_functional_forms()
    {
        using var scope = Torch.NewDisposeScope();
        var x = Given.Wave([2, 4, 6, 6]).Tensor;
        using var pool = new MaxPool2d(2);
        var (pooled, indices) = pool.ForwardWithIndices(x);
        using var unpool = new MaxUnpool2d(2);
        Assert.Equal([2L, 4, 6, 6], unpool.Forward(pooled, indices).Shape);
        Assert.Equal([2L, 4, 7, 7], unpool.Forward(Functional.MaxPool2d(x, 2), indices, (7, 7)).Shape);
        using var seq = new Sequential(new Conv2d(4, 8, 3, padding: 1), Activation.Relu(), new AvgPool2d(2), new GroupNorm(2, 8),
            new Upsample(2.0, InterpolationMode.Bilinear), new PixelShuffle(2), new Dropout(0.1), new LayerNorm([12, 12]), Activation.Flatten(), new Linear(2 * 12 * 12, 3));
        Assert.Equal([2L, 3], seq.Forward(x).Shape);
        Assert.Equal(["0.weight", "0.bias", "3.weight", "3.bias", "7.weight", "7.bias", "9.weight", "9.bias"], seq.NamedParameters().Select(p => p.Key));
    }

    [Fact]
    public void State_dict_round_trips_and_load_reports_missing_unexpected_and_mismatched_keys()
    {
        using var a = new TinyAe();
        using var b = new TinyAe();
        b.LoadStateDict(a.StateDict());
        Assert.Equal(a.Enc1.Weight.ToArray<float>(), b.Enc1.Weight.ToArray<float>());
        Assert.Same(b.Enc1.Weight, b.Dec1.Weight); // loading copies values, keeps the tie

        var partial = a.StateDict();
        partial.Remove("enc1.bias");
        using var extra = Torch.Zeros([1]);
        partial["head.weight"] = extra;
        var e = Assert.Throws<InvalidOperationException>(() => b.LoadStateDict(partial));
        Assert.Contains("missing keys enc1.bias", e.Message);
        Assert.Contains("unexpected keys head.weight", e.Message);
        var result = b.LoadStateDict(partial, strict: false);
        Assert.Equal(["enc1.bias"], result.MissingKeys);
        Assert.Equal(["head.weight"], result.UnexpectedKeys);

        using var wrong = Torch.Zeros([3]);
        var bad = a.StateDict();
        bad["dec1.bias"] = wrong;
        var shape = Assert.Throws<InvalidOperationException>(() => b.LoadStateDict(bad, strict: false));
        Assert.Contains("dec1.bias: checkpoint [3], model [1]", shape.Message);
    }

    [Fact]
    public void To_moves_and_converts_in_place_keeping_registrations_and_ties()
    {
        using var m = new TinyAe();
        var weight = m.Enc1.Weight;
        m.To(ScalarType.Float64);
        Assert.Same(weight, m.Enc1.Weight);
        Assert.Equal(ScalarType.Float64, m.Dec1.Weight.Dtype);
        Assert.Equal(ScalarType.Int64, m.Norm.NumBatchesTracked.Dtype);
        Assert.True(weight.RequiresGrad);
        m.To(Device.Cpu);
        Assert.Equal(Device.Cpu, m.Enc1.Weight.Device);
    }

    [Fact]
    public void ZeroGrad_clears_gradients_and_tied_weights_accumulate_from_both_uses()
    {
        using var m = new TinyAe();
        using var scope = Torch.NewDisposeScope();
        m.Forward(Given.Wave([2, 1, 6, 6]).Tensor).Sum().Backward();
        Assert.NotNull(m.Enc1.Weight.Grad);
        m.ZeroGrad();
        Assert.All(m.Parameters(), p => Assert.Null(p.Grad));
    }

    [Fact]
    public void Module_save_and_load_round_trip_through_safetensors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"tinyae-{Guid.NewGuid():N}.safetensors");
        try
        {
            using var a = new TinyAe();
            using var scope = Torch.NewDisposeScope();
            a.Forward(Given.Wave([2, 1, 6, 6]).Tensor); // changes running stats and num_batches_tracked
            a.Save(path);
            using var b = new TinyAe();
            b.Load(path);
            foreach (var (name, t) in a.StateDict())
                Assert.Equal(t.ToArray<double>(), b.StateDict()[name].ToArray<double>());
        }
        finally
        {
            File.Delete(path);
        }
    }
}
