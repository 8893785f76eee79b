namespace DslAe.Torch.Tests;

public class SmokeTests
{
    [Fact]
    public void Relu_of_a_small_tensor_matches_PyTorch()
    {
        var (x, py) = Given.Wave([2, 3]);
        using var y = Functional.Relu(x);
        Expect.Close(y, $"result = torch.relu({py})");
    }
}
