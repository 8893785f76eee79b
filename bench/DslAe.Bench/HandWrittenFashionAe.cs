using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace DslAe.Bench;

/// <summary>
/// examples/FashionAutoencoder's model as a TorchSharp user writes it by hand: the same layers, the same explicit
/// (0, 1, 0, 1) pad that gives TensorFlow's "same" size before each stride-2 convolution, the same code size.
/// </summary>
internal sealed class HandWrittenFashionAe : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d enc1 = nn.Conv2d(1, 32, 3, stride: 2);
    private readonly Conv2d enc2 = nn.Conv2d(32, 64, 3, stride: 2);
    private readonly Linear codeIn = nn.Linear(3136, 32);
    private readonly Linear codeOut = nn.Linear(32, 3136);
    private readonly ConvTranspose2d dec1 = nn.ConvTranspose2d(64, 32, 3, stride: 2, padding: 1, output_padding: 1);
    private readonly ConvTranspose2d dec2 = nn.ConvTranspose2d(32, 1, 3, stride: 2, padding: 1, output_padding: 1);

    public HandWrittenFashionAe() : base(nameof(HandWrittenFashionAe)) => RegisterComponents();

    public override Tensor forward(Tensor x)
    {
        x = F.relu(enc1.call(F.pad(x, [0, 1, 0, 1])));
        x = F.relu(enc2.call(F.pad(x, [0, 1, 0, 1])));
        var code = codeIn.call(x.flatten(1));
        x = codeOut.call(code).reshape(-1, 64, 7, 7);
        x = F.relu(dec1.call(x));
        return F.sigmoid(dec2.call(x));
    }
}
