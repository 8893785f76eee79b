using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>One place of a YAML declaration (the top level, a stage, a conv layer, ...) and the keys valid there.</summary>
    /// <param name="Name">The section's name as docs/yaml.md titles it (e.g. "stage", "conv").</param>
    /// <param name="Keys">Keys accepted in that mapping, in the order the effective declaration writes them.</param>
    public sealed record YamlSection(string Name, EquatableArray<string> Keys)
    {
        /// <summary>True when <paramref name="key"/> is valid in this section.</summary>
        public bool Accepts(string key) => Keys.Contains(key);
    }

    /// <summary>
    /// The YAML declaration language's key set: the single list the parser checks keys against, the
    /// effective-declaration writer writes from, and the docs test compares with docs/yaml.md. Keys are the C#
    /// attribute arguments in snake_case (<c>OutChannels</c> is <c>out_channels</c>), except where YAML reads
    /// better: <c>padding</c> takes <c>same</c>, <c>valid</c> or a number (C#'s Pad and Padding), a stage's
    /// layer is a key of its own (<c>conv: {...}</c>), and the model's shape is <c>input</c>.
    /// </summary>
    public static class YamlSchema
    {
        /// <summary>The top-level mapping.</summary>
        public static YamlSection Model { get; } = Section("model", "name", "namespace", "input", "corrupt", "target", "encoder", "latent", "decoder", "loss", "train", "fine_tune");

        /// <summary>One stage of the encoder, decoder or discriminator (besides its layer key).</summary>
        public static YamlSection Stage { get; } = Section("stage", "name", "act", "act_parameter", "norm", "norm_groups", "dropout", "skip", "merge", "high_pass", "tied_to");

        /// <summary>Convolution.</summary>
        public static YamlSection Conv { get; } = Section("conv", "out_channels", "kernel", "stride", "padding", "dilation", "groups", "bias");

        /// <summary>Transposed convolution.</summary>
        public static YamlSection ConvT { get; } = Section("conv_t", "out_channels", "kernel", "stride", "padding", "output_padding", "dilation", "groups", "bias");

        /// <summary>Max pooling.</summary>
        public static YamlSection MaxPool { get; } = Section("max_pool", "kernel", "stride", "padding", "dilation", "ceil_mode", "keep_indices");

        /// <summary>Average pooling.</summary>
        public static YamlSection AvgPool { get; } = Section("avg_pool", "kernel", "stride", "padding", "ceil_mode", "count_include_pad");

        /// <summary>Max unpooling.</summary>
        public static YamlSection Unpool { get; } = Section("unpool", "of");

        /// <summary>Interpolation upsampling.</summary>
        public static YamlSection Upsample { get; } = Section("upsample", "mode", "scale", "height", "width", "align_corners");

        /// <summary>Pixel shuffle.</summary>
        public static YamlSection PixelShuffle { get; } = Section("pixel_shuffle", "factor");

        /// <summary>Fixed unpooling: zeros around each value.</summary>
        public static YamlSection ZeroUnpool { get; } = Section("zero_unpool", "factor");

        /// <summary>Flatten (no keys: write <c>flatten: {}</c>).</summary>
        public static YamlSection Flatten { get; } = Section("flatten");

        /// <summary>Fully connected layer.</summary>
        public static YamlSection Dense { get; } = Section("dense", "features", "bias");

        /// <summary>Reshape of a vector into an image.</summary>
        public static YamlSection Unflatten { get; } = Section("unflatten", "channels", "height", "width");

        /// <summary>The latent code.</summary>
        public static YamlSection Latent { get; } = Section("latent", "name", "kind", "size", "project_to", "code_lr", "init", "fit_steps");

        /// <summary>Input corruption.</summary>
        public static YamlSection Corrupt { get; } = Section("corrupt", "kind", "amount");

        /// <summary>What the output is compared with.</summary>
        public static YamlSection Target { get; } = Section("target", "kind", "classes", "scale", "residual");

        /// <summary>The classifier fine-tuned on the encoder after training.</summary>
        public static YamlSection FineTune { get; } = Section("fine_tune", "classes", "freeze", "hidden", "epochs", "lr", "labels");

        /// <summary>One loss term.</summary>
        public static YamlSection Loss { get; } = Section("loss", "kind", "weight", "levels", "layers", "network", "weights", "classes", "discriminator");

        /// <summary>An adversarial loss's discriminator.</summary>
        public static YamlSection Discriminator { get; } = Section("discriminator", "stages", "minibatch", "minibatch_kernels", "minibatch_kernel_dims");

        /// <summary>Training settings.</summary>
        public static YamlSection Train { get; } = Section("train",
            "epochs", "batch", "optimizer", "lr", "momentum", "nesterov", "weight_decay", "beta1", "beta2",
            "schedule", "step_size", "gamma", "min_lr", "clip_norm", "seed", "validation", "patience", "data", "data_path",
            "memory_budget");

        /// <summary>The layer sections, each selected by a stage key of the same name.</summary>
        public static IReadOnlyList<YamlSection> Layers { get; } = new[] { Conv, ConvT, MaxPool, AvgPool, Unpool, Upsample, PixelShuffle, ZeroUnpool, Flatten, Dense, Unflatten };

        /// <summary>Every section.</summary>
        public static IReadOnlyList<YamlSection> All { get; } =
            new[] { Model, Stage }.Concat(Layers).Concat(new[] { Latent, Corrupt, Target, Loss, Discriminator, Train, FineTune }).ToArray();

        /// <summary>The layer section selected by a stage key, or null when the key names no layer.</summary>
        public static YamlSection? LayerSection(string key) => Layers.FirstOrDefault(l => l.Name == key);

        private static YamlSection Section(string name, params string[] keys) => new(name, keys);
    }
}
