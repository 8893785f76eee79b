using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests.Engine;

/// <summary>Fixed unpooling (issue 10, item 7): the runtime's zero insertion, its gradient, and a generated model that trains with it.</summary>
public sealed class ZeroUnpoolingTests
{
    [Fact]
    public void Each_value_goes_to_the_top_left_of_its_block_of_zeros()
    {
        using var x = tensor(new float[] { 1, 2, 3, 4, 5, 6 }).reshape(1, 1, 2, 3).requires_grad_();
        using var y = ZeroUnpooling.Insert(x, 2);

        Assert.Equal([1L, 1, 4, 6], y.shape);
        float[] expected =
        [
            1, 0, 2, 0, 3, 0,
            0, 0, 0, 0, 0, 0,
            4, 0, 5, 0, 6, 0,
            0, 0, 0, 0, 0, 0,
        ];
        Assert.Equal(expected, y.detach().data<float>().ToArray());

        // The gradient of each input is the gradient at its corner.
        using var weights = arange(24, ScalarType.Float32).reshape(1, 1, 4, 6);
        (y * weights).sum().backward();
        Assert.Equal([0f, 2, 4, 12, 14, 16], x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void A_model_with_fixed_unpooling_generates_and_trains()
    {
        Assert.Contains(TinyZeroUnpool.Definition.Summary.Rows, r => r.Stage == "Up1" && r.Kind == "ZeroUnpool" && r.ShapeText == "8x28x28");
        using var folder = new TempFolder();
        using var data = TestData.Split(640, 64);
        using var trainer = new Trainer(TinyZeroUnpool.Definition, TinyZeroUnpool.Definition.Training with { Epochs = 4 }, new TrainerOptions { Device = "cpu", Threads = 1, RunFolder = folder.File("run") });
        var result = trainer.Fit(data);
        Assert.True(result.History[^1].Validation.Loss < 0.6 * result.History[0].Validation.Loss,
            $"validation loss {result.History[0].Validation.Loss} -> {result.History[^1].Validation.Loss}");
    }
}
