using System;
using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>The spellings of one option set in YAML (e.g. activations) and the IR values they stand for.</summary>
    /// <typeparam name="T">The IR's value type.</typeparam>
    public sealed class YamlOptions<T>
    {
        private readonly KeyValuePair<string, T>[] _entries;

        internal YamlOptions(params KeyValuePair<string, T>[] entries)
        {
            _entries = entries;
        }

        /// <summary>The spellings, in documentation order.</summary>
        public IEnumerable<string> Names => _entries.Select(e => e.Key);

        /// <summary>The value spelled <paramref name="name"/> (exact, case-sensitive).</summary>
        public bool TryParse(string name, out T value)
        {
            foreach (var entry in _entries)
            {
                if (string.Equals(entry.Key, name, StringComparison.Ordinal))
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = default!;
            return false;
        }

        /// <summary>The spelling of <paramref name="value"/>.</summary>
        public string NameOf(T value) => _entries.First(e => EqualityComparer<T>.Default.Equals(e.Value, value)).Key;
    }

    /// <summary>
    /// How options are spelt in YAML: the C# enum member in snake_case (<c>LeakyRelu</c> is <c>leaky_relu</c>).
    /// Shared by the parser and the effective-declaration writer, so both use one spelling.
    /// </summary>
    public static class YamlSpelling
    {
        /// <summary>Activations (<c>act</c>).</summary>
        public static YamlOptions<ActivationKind> Activations { get; } = Options(
            ("none", ActivationKind.None), ("relu", ActivationKind.Relu), ("leaky_relu", ActivationKind.LeakyRelu),
            ("elu", ActivationKind.Elu), ("gelu", ActivationKind.Gelu), ("silu", ActivationKind.Silu),
            ("sigmoid", ActivationKind.Sigmoid), ("tanh", ActivationKind.Tanh), ("softmax", ActivationKind.Softmax));

        /// <summary>Norms (<c>norm</c>); <c>none</c> stands for no norm.</summary>
        public static YamlOptions<NormKind?> Norms { get; } = Options<NormKind?>(
            ("none", null), ("batch", NormKind.Batch), ("group", NormKind.Group), ("layer", NormKind.Layer));

        /// <summary>Skip merges (<c>merge</c>).</summary>
        public static YamlOptions<MergeKind> Merges { get; } = Options(("concat", MergeKind.Concat), ("add", MergeKind.Add));

        /// <summary>Interpolation modes (<c>upsample.mode</c>).</summary>
        public static YamlOptions<UpsampleMode> UpsampleModes { get; } = Options(
            ("nearest", UpsampleMode.Nearest), ("bilinear", UpsampleMode.Bilinear), ("bicubic", UpsampleMode.Bicubic));

        /// <summary>Latent kinds (<c>latent.kind</c>), as the C# <c>LatentKind</c> names them.</summary>
        public static YamlOptions<string> LatentKinds { get; } = Options(
            ("dense", nameof(DenseLatent)), ("conv", nameof(ConvLatent)), ("variational", nameof(VariationalLatent)), ("learned", nameof(LearnableLatent)));

        /// <summary>How learned (GLO) codes start (<c>latent.init</c>).</summary>
        public static YamlOptions<CodeInit> CodeInits { get; } = Options(("pca", CodeInit.Pca), ("gaussian", CodeInit.Gaussian));

        /// <summary>Targets (<c>target.kind</c>), as the C# <c>TargetKind</c> names them.</summary>
        public static YamlOptions<TargetKind> Targets { get; } = Options(
            ("input", TargetKind.Input), ("labels", TargetKind.Labels), ("pixel_labels", TargetKind.PixelLabels), ("image", TargetKind.Image));

        /// <summary>Input corruptions (<c>corrupt.kind</c>); C#'s <c>Noise.SaltPepper</c> is <c>salt_pepper</c>.</summary>
        public static YamlOptions<CorruptionKind> Corruptions { get; } = Options(
            ("gaussian", CorruptionKind.Gaussian), ("masking", CorruptionKind.Masking), ("salt_pepper", CorruptionKind.SaltAndPepper));

        /// <summary>Loss kinds (<c>loss[].kind</c>), as the IR's loss record names them.</summary>
        public static YamlOptions<string> LossKinds { get; } = Options(
            ("mse", nameof(MseLoss)), ("l1", nameof(L1Loss)), ("bce", nameof(BceLoss)), ("bce_with_logits", nameof(BceWithLogitsLoss)),
            ("kl", nameof(KlLoss)), ("laplacian_pyramid", nameof(LaplacianPyramidLoss)), ("perceptual", nameof(PerceptualLoss)),
            ("style", nameof(StyleLoss)), ("adversarial", nameof(AdversarialLoss)), ("cross_entropy", nameof(CrossEntropyLoss)));

        /// <summary>Optimisers (<c>train.optimizer</c>).</summary>
        public static YamlOptions<OptimizerKind> Optimizers { get; } = Options(
            ("adam", OptimizerKind.Adam), ("adamw", OptimizerKind.AdamW), ("sgd", OptimizerKind.Sgd));

        /// <summary>Learning-rate schedules (<c>train.schedule</c>).</summary>
        public static YamlOptions<ScheduleKind> Schedules { get; } = Options(
            ("none", ScheduleKind.None), ("step", ScheduleKind.Step), ("cosine", ScheduleKind.Cosine));

        /// <summary>The loss kind's spelling for an IR loss.</summary>
        public static string LossKindOf(LossSpec loss) => LossKinds.NameOf(loss.GetType().Name);

        /// <summary>The latent kind's spelling for an IR latent.</summary>
        public static string LatentKindOf(LatentSpec latent) => LatentKinds.NameOf(latent.GetType().Name);

        private static YamlOptions<T> Options<T>(params (string Name, T Value)[] entries) =>
            new(entries.Select(e => new KeyValuePair<string, T>(e.Name, e.Value)).ToArray());
    }
}
