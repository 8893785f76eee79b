using static TorchSharp.torch;

namespace DslAe;

/// <summary>
/// GLO's codes outside the table: how they start (PCA of the training images, or Gaussian), how a code is fitted to an
/// image the generator never trained on, and the full-covariance Gaussian fitted to the learned codes that
/// <see cref="Sampling"/> draws from.
/// </summary>
public static class LearnedCodes
{
    /// <summary>Adam's learning rate when fitting codes to new images (codes live in the unit ball, so steps of this size reach anywhere in it within the declared steps).</summary>
    public const double FitLearningRate = 0.02;

    /// <summary>
    /// Starting codes for the <paramref name="images"/> ([N, C, H, W]), [N, <paramref name="dims"/>]. PCA: each image's
    /// projection on the top principal components of the centred images, all scaled by one factor so the longest is a
    /// unit vector (the relative geometry kept). Gaussian: N(0, I/dims) draws, reproducible for <paramref name="seed"/>.
    /// Both are then projected onto the unit ball by the table.
    /// </summary>
    public static Tensor Initial(Tensor images, int dims, CodeInit init, long seed)
    {
        using var scope = NewDisposeScope();
        var flat = images.flatten(1).to(ScalarType.Float64);
        var (count, features) = (flat.size(0), flat.size(1));
        if (init == CodeInit.Gaussian)
        {
            using var generator = new Generator((ulong)seed);
            return (randn([count, dims], ScalarType.Float64, generator: generator) / Math.Sqrt(dims)).to(ScalarType.Float32).MoveToOuterDisposeScope();
        }

        if (dims > Math.Min(count, features))
            throw new ArgumentException($"PCA initialisation gives at most {Math.Min(count, features)} components for {count} images of {features} values, and the code has {dims} dimensions; use fewer dimensions or Init = CodeInit.Gaussian (YAML: init: gaussian)");
        var centred = flat - flat.mean([0], keepdim: true);
        var covariance = centred.t().matmul(centred) / count;
        // eigh sorts eigenvalues in ascending order: the last columns are the top components.
        var (_, vectors) = linalg.eigh(covariance);
        var top = vectors.narrow(1, features - dims, dims).flip(1);
        var codes = centred.matmul(top);
        var longest = codes.norm(1).max().item<double>();
        return (codes / Math.Max(longest, 1e-12)).to(ScalarType.Float32).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Codes for <paramref name="images"/> found by the declared number of Adam steps on the model's loss, the generator
    /// frozen (its parameters take no gradient and are not changed), each step followed by the projection onto the unit
    /// ball. Codes start at the mean learned code (zero before training). Returns [N, dims], detached.
    /// </summary>
    public static Tensor Fit(AutoencoderModule module, Tensor images)
    {
        var latent = module.Definition.Latent;
        var settings = latent?.Learned ?? throw new InvalidOperationException($"{module.Definition.Name} has no learned codes to fit");
        var count = images.size(0);
        var parameters = module.parameters().ToList();
        var wasTrainable = parameters.Select(p => p.requires_grad).ToList();
        foreach (var parameter in parameters) parameter.requires_grad = false;
        try
        {
            using var grad = enable_grad();
            Tensor start;
            using (no_grad())
            {
                start = module.Codes is { } learned
                    ? learned.Table.mean([0], keepdim: true).expand(count, -1)
                    : zeros([count, latent.CodeShape[0]], images.dtype, images.device);
            }
            // The images' codes in a table of their own: the training table's Adam (every row each step) and projection.
            using var fitted = new LearnedCodeTable(start);
            using var rows = arange(count, device: images.device);
            for (var step = 1; step <= settings.FitSteps; step++)
            {
                using var scope = NewDisposeScope();
                var codes = fitted.Rows(rows);
                module.ComputeLoss(new AutoencoderPass(module.Decode(codes), codes), images).Total.backward();
                fitted.Step(rows, FitLearningRate);
            }
            return fitted.Table.detach().clone();
        }
        finally
        {
            for (var i = 0; i < parameters.Count; i++) parameters[i].requires_grad = wasTrainable[i];
        }
    }

    /// <summary>
    /// <paramref name="count"/> codes drawn from the full-covariance Gaussian fitted to the module's learned codes, projected
    /// onto the unit ball like every code the generator trained on; reproducible for <paramref name="seed"/>.
    /// </summary>
    public static Tensor SampleFromFittedGaussian(AutoencoderModule module, int count, long seed)
    {
        var table = module.Codes ?? throw new InvalidOperationException($"{module.Definition.Name} holds no learned codes: load weights trained on data");
        using var scope = NewDisposeScope();
        var codes = table.Table.detach().to(ScalarType.Float64);
        var mean = codes.mean([0], keepdim: true);
        var centred = codes - mean;
        var dims = codes.size(1);
        var covariance = centred.t().matmul(centred) / Math.Max(1, codes.size(0) - 1) + eye(dims, dtype: ScalarType.Float64, device: codes.device) * 1e-6;
        var lower = linalg.cholesky(covariance);
        using var generator = new Generator((ulong)seed);
        var noise = randn([count, dims], ScalarType.Float64, generator: generator).to(codes.device);
        var drawn = mean + noise.matmul(lower.t());
        return LearnedCodeTable.ProjectOntoUnitBall(drawn).to(table.Table.dtype).MoveToOuterDisposeScope();
    }
}
