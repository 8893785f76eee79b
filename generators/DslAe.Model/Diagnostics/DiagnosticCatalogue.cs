using System.Collections.Generic;
using System.Linq;

namespace DslAe.Model
{
    /// <summary>
    /// The model rules' diagnostics, DSLAE001–DSLAE099. IDs are never reused or renumbered.
    /// Reserved ranges: DSLAE100–199 the C# front end, DSLAE200–299 the YAML front end,
    /// DSLAE300–399 the emitter and generator plumbing. docs/diagnostics.md is generated from
    /// <see cref="All"/> (see <see cref="DiagnosticsDocument"/>).
    /// </summary>
    public static class DiagnosticCatalogue
    {
        /// <summary>Where the rules are documented; each rule's help link adds "#dslaeNNN".</summary>
        public const string HelpLinkBase = "docs/diagnostics.md";

        /// <summary>The decoder's output differs from what the loss compares it with (the target).</summary>
        public static readonly DiagnosticRule ReconstructionMismatch = new(
            "DSLAE001", "Output shape differs from the target's", Severity.Error,
            "{0}: expected {1}, received {2}; {3}",
            "The loss compares the decoder's output with the target, so the last decoder stage must produce the target's shape: the input's for reconstruction; a vector of K logits for class labels; K x H x W logits for per-pixel labels of an H x W input; C x (H·scale) x (W·scale) for a paired image. The message names the first decoder stage whose spatial size leaves the encoder's ladder of sizes, read in mirror order, because that is where the paths diverge.",
            "Input 1x28x28; Enc1 Conv(32, Kernel 3, Stride 2) gives 32x14x14; Dec1 ConvTranspose(1, Kernel 3, Stride 2, Padding 1) gives 1x27x27.\n`Dec1: expected 28x28, received 27x27; set OutputPadding = 1 on Dec1 to get 28x28`",
            "Apply the fix in the message (it is computed for the stage named), use Pad = Pad.Same on transposed convolutions (out = in x stride), or unpool with the pooling stage's indices so odd sizes come back exactly.") { Category = DiagnosticCategories.Shapes };

        /// <summary>A skip merges tensors of different heights/widths.</summary>
        public static readonly DiagnosticRule MergeSizeMismatch = new(
            "DSLAE002", "Skip merges tensors of different sizes", Severity.Error,
            "{0} {1} with {2}: expected {3}, received {4}; {5}",
            "Concatenation and addition need the skipped tensor and the main path to have the same height and width. 'Expected' is the skip source's size, 'received' the main path's.",
            "Enc1 outputs 32x14x14; Dec1 ConvTranspose(32, Kernel 3, Stride 2, Padding 1) turns 7x7 into 13x13; Dec2 skips from Enc1.\n`Dec2 concat with Enc1: expected 14x14, received 13x13; set OutputPadding = 1 on Dec1 to get 14x14`",
            "Change the stage before the merge so it produces the source's size (the message says how), or skip from a stage of the right size.") { Category = DiagnosticCategories.Skips };

        /// <summary>An additive skip joins tensors with different channels (or vector lengths).</summary>
        public static readonly DiagnosticRule MergeChannelMismatch = new(
            "DSLAE003", "Additive skip with different channels", Severity.Error,
            "{0} add with {1}: expected {2} channels, received {3}; {4}",
            "Addition is elementwise, so the channels must match too (concatenation adds them up instead).",
            "Enc1 outputs 32x14x14; Dec1 outputs 16x14x14; Dec2 adds the skip from Enc1.\n`Dec2 add with Enc1: expected 32 channels, received 16; set outChannels: 32 on Dec1, or use Merge = Merge.Concat`",
            "Give the stage before the merge the source's channels, or merge by concatenation.") { Category = DiagnosticCategories.Skips };

        /// <summary>A layer would produce an empty (zero or negative) size.</summary>
        public static readonly DiagnosticRule NonPositiveSize = new(
            "DSLAE004", "Layer produces a non-positive size", Severity.Error,
            "{0}: {1} on {2} gives {3}; {4}",
            "libtorch refuses an output size below 1. This happens when a kernel (with its dilation) is larger than the padded input, or when too many down-sampling stages meet a small input.",
            "Input 1x4x4; Enc1 Conv(8, Kernel 5, Padding Valid).\n`Enc1: Conv(kernel 5, stride 1, padding valid) on 1x4x4 gives 8x0x0; use Pad = Pad.Same, a smaller kernel or fewer down-sampling stages`",
            "Use a smaller kernel or dilation, padding, or fewer down-sampling stages.") { Category = DiagnosticCategories.Shapes };

        /// <summary>Floor rounding leaves real input pixels out of every window.</summary>
        public static readonly DiagnosticRule InputPixelsDropped = new(
            "DSLAE005", "Stride leaves input pixels unused", Severity.Warning,
            "{0}: {1} on {2} gives {3} and ignores the last {4}; {5}",
            "libtorch rounds (in + 2p - k_eff) / stride down; when the remainder covers real pixels (not only padding) the last rows or columns never reach the output, and a mirrored decoder cannot restore the size exactly.",
            "Input 1x7x7; Pool1 MaxPool(Kernel 2).\n`Pool1: MaxPool(kernel 2, stride 2, padding 0) on 1x7x7 gives 1x3x3 and ignores the last 1 row(s) and 1 column(s); set CeilMode = true, or choose an input size divisible by the stride`",
            "Use ceil mode or Pad = Pad.Same, or choose an input size the strides divide.") { Category = DiagnosticCategories.Shapes };

        /// <summary>A skip names no stage of the model.</summary>
        public static readonly DiagnosticRule UnknownSkipSource = new(
            "DSLAE006", "Unknown skip source", Severity.Error,
            "{0}: skip source '{1}' is not a stage of this model; {2}",
            "A skip's From must name an encoder or decoder stage of the same model (the latent by its name too).",
            "Dec2 declares Skip = \"Enc3\" in a model whose encoder is Enc1, Enc2.\n`Dec2: skip source 'Enc3' is not a stage of this model; stages before Dec2 are Enc1, Enc2, Code, Dec1`",
            "Name an earlier stage.") { Category = DiagnosticCategories.Skips };

        /// <summary>A skip names the stage itself or one that runs after it.</summary>
        public static readonly DiagnosticRule LaterSkipSource = new(
            "DSLAE007", "Skip source comes later", Severity.Error,
            "{0}: skip source '{1}' runs at or after {0}; {2}",
            "A skip carries an output that already exists when the stage runs, so its source must come earlier in the order encoder, latent, decoder.",
            "Dec1 declares Skip = \"Dec2\".\n`Dec1: skip source 'Dec2' runs at or after Dec1; stages before Dec1 are Enc1, Enc2, Code`",
            "Name an earlier stage, or move the skip to a later stage.") { Category = DiagnosticCategories.Skips };

        /// <summary>Unpooling names no max-pooling stage.</summary>
        public static readonly DiagnosticRule UnpoolWithoutPool = new(
            "DSLAE008", "Unpooling without a matching pooling stage", Severity.Error,
            "{0}: MaxUnpool needs an earlier MaxPool stage named '{1}', received {2}; {3}",
            "Max unpooling puts each value back where its pooling stage found the maximum, so it needs that stage's indices: Of must name an earlier MaxPool stage.",
            "Up1 declares MaxUnpool(Of = \"Enc1\") where Enc1 is a Conv.\n`Up1: MaxUnpool needs an earlier MaxPool stage named 'Enc1', received a Conv stage; max-pooling stages before Up1: Pool1`",
            "Point Of at a MaxPool stage that keeps its indices.") { Category = DiagnosticCategories.Pooling };

        /// <summary>Unpooling names a max pool that does not keep its indices.</summary>
        public static readonly DiagnosticRule PoolWithoutIndices = new(
            "DSLAE009", "Pooling stage does not keep its indices", Severity.Error,
            "{0}: MaxUnpool of {1} needs its indices, but {1} does not keep them; set «KeepIndices = true» on {1}",
            "Only a max pooling that keeps its argmax indices can be undone by max unpooling.",
            "Pool1 is MaxPool(Kernel 2); Up1 is MaxUnpool(Of = \"Pool1\").\n`Up1: MaxUnpool of Pool1 needs its indices, but Pool1 does not keep them; set KeepIndices = true on Pool1`",
            "Set KeepIndices = true (YAML: keep_indices: true) on the pooling stage.") { Category = DiagnosticCategories.Pooling };

        /// <summary>A tied weight's shape differs from the one the stage needs.</summary>
        public static readonly DiagnosticRule TiedWeightMismatch = new(
            "DSLAE010", "Tied weight has an incompatible shape", Severity.Error,
            "{0} tied to {1}: expected weight {2}, received {3}; {4}",
            "A tied decoder stage uses its encoder partner's weight transposed, so its channels (features) in and out must be the partner's out and in, with the same kernel and groups.",
            "Enc1 Conv(32, Kernel 3) on 1 channel has weight 32x1x3x3; Dec1 ConvTranspose(8, Kernel 3) tied to Enc1 on 32 channels needs 32x8x3x3.\n`Dec1 tied to Enc1: expected weight 32x8x3x3, received 32x1x3x3; set outChannels: 1 on Dec1`",
            "Mirror the partner: out channels = the partner's in channels, same kernel and groups.") { Category = DiagnosticCategories.TiedWeights };

        /// <summary>A tie names an unknown stage, a non-encoder stage or a kind that cannot be tied.</summary>
        public static readonly DiagnosticRule InvalidTie = new(
            "DSLAE011", "Invalid weight tie", Severity.Error,
            "{0} tied to {1}: {2}; {3}",
            "Ties pair a decoder ConvTranspose with an encoder Conv, or a decoder Dense with an encoder Dense.",
            "Dec1 Conv(1, Kernel 3) declares TiedTo = \"Enc1\".\n`Dec1 tied to Enc1: a Conv stage cannot use a Conv weight transposed; make Dec1 a ConvTranspose`",
            "Tie a decoder ConvTranspose to an encoder Conv, or Dense to Dense.") { Category = DiagnosticCategories.TiedWeights };

        /// <summary>An unfiltered full-resolution skip lets a reconstruction model copy its input.</summary>
        public static readonly DiagnosticRule FullResolutionSkip = new(
            "DSLAE012", "Full-resolution skip bypasses the bottleneck", Severity.Warning,
            "{0}: skip from {1} carries the input at full resolution ({2}) past the bottleneck, so the decoder can copy it and the code learns little; {3}",
            "With a skip at the input's own resolution a reconstruction autoencoder learns the identity through the skip and deeper layers get no gradient ('the U-Net is lazy'). Silent when the skip is high-pass filtered (only high frequencies pass; the low ones must cross the bottleneck) and for segmentation (cross-entropy), where the target is not the input.",
            "Input 1x28x28; Enc1 Conv(16, Kernel 3) gives 16x28x28; Out concatenates Enc1.\n`Out: skip from Enc1 carries the input at full resolution (28x28) past the bottleneck, so the decoder can copy it and the code learns little; make the skip high-pass (HighPass = true), drop it, or corrupt the input`",
            "High-pass filter the skip, drop it, or corrupt the input strongly.") { Category = DiagnosticCategories.Skips };

        /// <summary>A KL loss without a variational latent.</summary>
        public static readonly DiagnosticRule KlWithoutVariational = new(
            "DSLAE013", "KL loss without a variational latent", Severity.Error,
            "{0}: KL divergence needs a variational latent, received {1}; {2}",
            "The KL term measures the variational code's distribution; other codes have no mean and variance.",
            "Loss Kl with Latent Dense(32).\n`Loss Kl: KL divergence needs a variational latent, received a Dense latent; declare the latent with Kind = LatentKind.Variational or remove the KL loss`",
            "Make the latent variational or drop the KL loss.") { Category = DiagnosticCategories.Losses };

        /// <summary>More pyramid levels than the image allows.</summary>
        public static readonly DiagnosticRule TooManyPyramidLevels = new(
            "DSLAE014", "Too many Laplacian pyramid levels", Severity.Error,
            "{0}: {1} levels need at least {2} on every level blurred, received {3} at level {4}; set «Levels = {5}»",
            "Each REDUCE blurs and keeps every second row and column (level l+1 has ceil(size / 2) pixels); the 5-tap blur uses reflect padding of 2, which needs at least 3 pixels per side, and every level but the top one is blurred.",
            "Input 1x28x28 with LaplacianPyramid(Levels 6): levels are 28, 14, 7, 4, 2 and 1 pixels wide.\n`Loss LaplacianPyramid: 6 levels need at least 3x3 on every level blurred, received 2x2 at level 4; set Levels = 5`",
            "Lower Levels to the number the message gives.") { Category = DiagnosticCategories.Losses };

        /// <summary>Two stages (or stage and latent) share a name.</summary>
        public static readonly DiagnosticRule DuplicateName = new(
            "DSLAE015", "Duplicate stage name", Severity.Error,
            "{0}: the name is already used by an earlier stage; rename one of them",
            "Skips, unpooling, ties and losses refer to stages by name, so names are unique across encoder, latent, decoder and discriminator.",
            "Two encoder stages named Enc1.\n`Enc1: the name is already used by an earlier stage; rename one of them`",
            "Rename one of the stages.") { Category = DiagnosticCategories.Names };

        /// <summary>A number outside its valid range.</summary>
        public static readonly DiagnosticRule InvalidValue = new(
            "DSLAE016", "Invalid value", Severity.Error,
            "{0}: {1} must be {2}, received {3}",
            "Kernel, stride, dilation, groups, channels and sizes must be positive; padding non-negative; probabilities in their interval; learning rate, epochs and batch size positive; and so on. libtorch would fail at run time; the generator says so at compile time.",
            "Enc1 Conv(16, Kernel 0).\n`Enc1: Kernel must be at least 1, received 0`",
            "Use a value in the range the message gives.") { Category = DiagnosticCategories.Values };

        /// <summary>Output padding not smaller than stride or dilation.</summary>
        public static readonly DiagnosticRule OutputPaddingTooLarge = new(
            "DSLAE017", "Output padding too large", Severity.Error,
            "{0}: «OutputPadding» must be smaller than the stride ({1}) or the dilation ({2}), received {3}; {4}",
            "output_padding only chooses among the input sizes that a strided convolution maps to the same output, so libtorch requires it to be smaller than the stride or the dilation.",
            "Dec1 ConvTranspose(16, Kernel 3, Stride 2, OutputPadding 2).\n`Dec1: OutputPadding must be smaller than the stride (2) or the dilation (1), received 2; use an OutputPadding below 2, or a larger stride`",
            "Lower the output padding, or change stride/padding to reach the size wanted.") { Category = DiagnosticCategories.Shapes };

        /// <summary>Channels not divisible by groups.</summary>
        public static readonly DiagnosticRule GroupsMismatch = new(
            "DSLAE018", "Channels not divisible by groups", Severity.Error,
            "{0}: {1} channels ({2}) are not divisible by {3}; {4}",
            "Grouped convolutions split the in and out channels into equal groups; group norm splits the channels likewise.",
            "Enc1 outputs 6 channels; Enc2 Conv(8, Kernel 3, Groups 4).\n`Enc2: in channels (6) are not divisible by Groups = 4; use Groups = 2 (divides 6 and 8)`",
            "Choose groups dividing both channel counts.") { Category = DiagnosticCategories.Shapes };

        /// <summary>Pixel shuffle on channels not divisible by factor².</summary>
        public static readonly DiagnosticRule PixelShuffleChannels = new(
            "DSLAE019", "Pixel shuffle channels not divisible", Severity.Error,
            "{0}: PixelShuffle({1}) needs channels divisible by {2}, received {3}; set «OutChannels = {4}» on the stage before it",
            "Pixel shuffle turns C·r² channels into C channels at r times the size.",
            "Dec1 outputs 6x7x7; Up PixelShuffle(2).\n`Up: PixelShuffle(2) needs channels divisible by 4, received 6; set outChannels: 8 on the stage before it`",
            "Give the previous stage a multiple of r² channels.") { Category = DiagnosticCategories.Shapes };

        /// <summary>A model, decoder or discriminator without stages.</summary>
        public static readonly DiagnosticRule EmptyModel = new(
            "DSLAE020", "Nothing to build", Severity.Error,
            "{0}: {1}; {2}",
            "A model needs stages (or a latent) to build; an adversarial loss needs discriminator stages.",
            "A model with no encoder, latent or decoder.\n`Empty: the model has no stages and no latent; declare encoder and decoder stages`",
            "Declare the missing stages.") { Category = DiagnosticCategories.Shapes };

        /// <summary>No input shape declared.</summary>
        public static readonly DiagnosticRule MissingInput = new(
            "DSLAE021", "Missing or invalid input shape", Severity.Error,
            "{0}: {1}; declare the input as channels, height, width, e.g. {2}",
            "Every shape is inferred from the input's; without it nothing can be checked.",
            "A model without Input.\n`Model: the input shape is missing; declare the input as channels, height, width, e.g. [Autoencoder(1, 28, 28)]`",
            "Declare the input as [Autoencoder(C, H, W)] (C#) or input: [C, H, W] (YAML) with positive numbers.") { Category = DiagnosticCategories.Shapes };

        /// <summary>An image layer on a vector or a vector layer on an image.</summary>
        public static readonly DiagnosticRule RankMismatch = new(
            "DSLAE022", "Layer applied to the wrong kind of tensor", Severity.Error,
            "{0}: {1} needs {2}, received {3}; {4}",
            "Dense layers read vectors; convolutions, pooling and resampling read images. Flatten and Unflatten convert between them.",
            "Enc2 Dense(32) directly after the conv Enc1 (32x7x7).\n`Enc2: Dense needs a vector, received 32x7x7; insert a Flatten stage before Enc2`",
            "Insert Flatten before a Dense stage, Unflatten before an image stage.") { Category = DiagnosticCategories.Shapes };

        /// <summary>Unflatten whose C·H·W differs from the features.</summary>
        public static readonly DiagnosticRule UnflattenMismatch = new(
            "DSLAE023", "Unflatten size differs from the features", Severity.Error,
            "{0}: Unflatten to {1} needs {2} features, received {3}; {4}",
            "Unflatten reshapes, so C·H·W must equal the vector's length.",
            "Dec0 Dense(512); Dec1 Unflatten(32, 7, 7).\n`Dec1: Unflatten to 32x7x7 needs 1568 features, received 512; set features: 1568 on Dec0`",
            "Make the previous stage produce C·H·W features.") { Category = DiagnosticCategories.Shapes };

        /// <summary>Pool padding larger than half the kernel.</summary>
        public static readonly DiagnosticRule PoolPaddingTooLarge = new(
            "DSLAE024", "Pool padding larger than half the kernel", Severity.Error,
            "{0}: «Padding» must be at most half the kernel ({1}), received {2}",
            "libtorch requires pooling padding to be at most half the kernel size (the undilated kernel, also for max pooling with dilation), so no window lies entirely in the padding.",
            "Pool1 MaxPool(Kernel 2, Padding 2).\n`Pool1: Padding must be at most half the kernel (1), received 2`",
            "Lower the padding or enlarge the kernel.") { Category = DiagnosticCategories.Pooling };

        /// <summary>The latent does not fit what precedes it.</summary>
        public static readonly DiagnosticRule LatentMismatch = new(
            "DSLAE025", "Latent does not fit the model", Severity.Error,
            "{0}: {1}; {2}",
            "A convolutional code needs an image from the encoder; learnable (GLO) codes replace the encoder, so the encoder must be empty.",
            "Latent Learned(64) with encoder stages.\n`Code: learned codes replace the encoder, received 2 encoder stages; remove the encoder stages or use a Dense latent`",
            "Pick the latent kind that matches the architecture.") { Category = DiagnosticCategories.Latent };

        /// <summary>A perceptual/style loss names a layer the network lacks.</summary>
        public static readonly DiagnosticRule UnknownLossLayer = new(
            "DSLAE026", "Loss refers to an unknown layer", Severity.Error,
            "{0}: layer '{1}' is not a stage of {2}; {3}",
            "Perceptual and style losses compare the outputs of named stages of a frozen network (this model's encoder unless another network is given).",
            "Perceptual(Layers = [\"Enc9\"]) with encoder Enc1, Enc2.\n`Loss Perceptual: layer 'Enc9' is not a stage of the encoder; stages are Enc1, Enc2`",
            "Name stages the network has.") { Category = DiagnosticCategories.Losses };

        /// <summary>A variational latent without a KL loss.</summary>
        public static readonly DiagnosticRule VariationalWithoutKl = new(
            "DSLAE027", "Variational latent without a KL loss", Severity.Warning,
            "{0}: the variational latent has no KL loss, so nothing keeps its codes near N(0, I); add a Kl loss",
            "Without the KL term a variational autoencoder is a noisy plain autoencoder and sampling from N(0, I) gives nothing useful.",
            "Latent Variational(16) with only an Mse loss.\n`Code: the variational latent has no KL loss, so nothing keeps its codes near N(0, I); add a Kl loss`",
            "Add a KL loss (its weight is the β of a β-VAE).") { Category = DiagnosticCategories.Losses };

        /// <summary>A high-pass skip on a map too small to pool.</summary>
        public static readonly DiagnosticRule HighPassTooSmall = new(
            "DSLAE028", "High-pass skip on a map too small", Severity.Error,
            "{0}: the high-pass filter pools {1}x{1} blocks, received {2} from {3}; skip from a larger stage or drop the filter",
            "The filter is x - up(avg_pool(x)), which needs at least one full pooling block.",
            "Dec3 high-pass skip from Enc4 whose output is 64x1x1.\n`Dec3: the high-pass filter pools 2x2 blocks, received 1x1 from Enc4; skip from a larger stage or drop the filter`",
            "Skip from a larger stage or remove the filter.") { Category = DiagnosticCategories.Skips };

        /// <summary>Unpooling input shape differs from its pool's output.</summary>
        public static readonly DiagnosticRule UnpoolInputMismatch = new(
            "DSLAE029", "Unpooling input differs from the pooled shape", Severity.Error,
            "{0}: MaxUnpool of {1} expected {2} (the shape {1} produced), received {3}; {4}",
            "The indices have the pooled tensor's shape, so the tensor being unpooled must have that shape too.",
            "Pool1 gives 16x14x14; Up1 unpools Pool1 but receives 8x14x14.\n`Up1: MaxUnpool of Pool1 expected 16x14x14 (the shape Pool1 produced), received 8x14x14; set outChannels: 16 on Dec2`",
            "Make the stage before the unpooling produce the pooled shape.") { Category = DiagnosticCategories.Pooling };

        /// <summary>A dilated max-pooling window that holds no input pixel.</summary>
        public static readonly DiagnosticRule EmptyPoolingWindow = new(
            "DSLAE030", "Pooling window holds no input pixel", Severity.Warning,
            "{0}: {1} on {2} has windows that contain no input pixel, which yield -inf; {3}",
            "With dilation, a window's taps can all fall in the padding or past the input's end (libtorch's padding limit does not prevent it); max pooling then outputs -inf there, which turns the loss into NaN, and its index points outside the plane.",
            "Input 3x9x1; Pool1 MaxPool(Kernel 2, Padding 1, Dilation 3, CeilMode): the single column's windows tap columns -1 and 2.\n`Pool1: MaxPool(kernel 2, stride 2, padding 1, dilation 3, ceil mode) on 3x9x1 has windows that contain no input pixel, which yield -inf; use less Padding or Dilation, or CeilMode = false`",
            "Lower the padding or the dilation, or leave ceil mode.") { Category = DiagnosticCategories.Pooling };

        /// <summary>Unpooling a max pool whose empty windows have invalid indices.</summary>
        public static readonly DiagnosticRule UnpoolEmptyWindows = new(
            "DSLAE031", "Unpooling a pool with empty windows", Severity.Error,
            "{0}: MaxUnpool of {1} cannot place the values of windows that contain no input pixel (their indices point outside {2}); use less «Padding» or «Dilation» on {1}",
            "A window without input pixels (DSLAE030) gets the index of its first tap past the padding, row · width + column, which can lie past the end of the plane; libtorch's max_unpool2d then refuses it ('Found an invalid max index'). The rule reproduces ATen's index arithmetic exactly, so it fires exactly when libtorch would fail.",
            "Pool1 as in DSLAE030, keeping its indices; Up1 unpools Pool1.\n`Up1: MaxUnpool of Pool1 cannot place the values of windows that contain no input pixel (their indices point outside 9x1); use less Padding or Dilation on Pool1`",
            "Lower the pool's padding or dilation.") { Category = DiagnosticCategories.Pooling };

        /// <summary>A declared batch whose training step would not fit the declared memory budget.</summary>
        public static readonly DiagnosticRule OverMemoryBudget = new(
            "DSLAE032", "Training step over the memory budget", Severity.Warning,
            "{0}: a training step at batch {1} needs about {2} ({3} per sample for its tensors, {4} for weights, gradients and optimiser state), more than the «MemoryBudget» of {5}; {6}",
            "The compile-time cost model knows every tensor a training step creates (docs/ide.md#cost): with a declared budget, a batch that would exhaust the device's memory is found before the run, not an hour into it. The estimate counts every tensor the step's forward pass creates (the step's dispose scope holds them until it ends), twice the largest of them for the backward pass's gradients, and the weights with their gradients and the optimiser's state; the allocator's overhead and backward's own workspace are not counted (a FashionAe step's measured resident peak is 1.16x the estimate: leave about 20% headroom).",
            "FashionAe's stages with Train(Batch = 4096, MemoryBudget = \"256MB\").\n`Training: a training step at batch 4096 needs about 931 MiB (232 KiB per sample for its tensors, 3.68 MiB for weights, gradients and optimiser state), more than the MemoryBudget of 244 MiB; the largest batch that fits is 1062: set Batch = 1062`",
            "Lower the batch to the one named, raise the budget, or make the model smaller.") { Category = DiagnosticCategories.Cost };

        /// <summary>A loss that cannot compare the output with the declared target.</summary>
        public static readonly DiagnosticRule LossDoesNotFitTarget = new(
            "DSLAE033", "Loss does not fit the target", Severity.Error,
            "{0}: {1}, but the target is {2}; {3}",
            "Cross-entropy compares class logits with class indices, so it needs a Labels or PixelLabels target; the image losses (MSE, L1, BCE, Laplacian pyramid, perceptual, style, adversarial) compare images, so they need the input or a paired image as target. libtorch would fail in the first training step (or, for an image loss against class indices, silently train on nonsense); the generator says so at compile time.",
            "Input 1x28x28 with Loss CrossEntropy and no target (so the target is the input).\n`Loss CrossEntropy: compares class logits with class indices, but the target is the input image; declare [Target(TargetKind.PixelLabels)] for segmentation or [Target(TargetKind.Labels)] for a classifier, or use an image loss such as Mse`",
            "Declare the target the loss needs, or pick the loss that fits the target.") { Category = DiagnosticCategories.Losses };

        /// <summary>All rules of this catalogue, ordered by ID.</summary>
        public static IReadOnlyList<DiagnosticRule> All { get; } = new[]
        {
            ReconstructionMismatch, MergeSizeMismatch, MergeChannelMismatch, NonPositiveSize, InputPixelsDropped,
            UnknownSkipSource, LaterSkipSource, UnpoolWithoutPool, PoolWithoutIndices, TiedWeightMismatch,
            InvalidTie, FullResolutionSkip, KlWithoutVariational, TooManyPyramidLevels, DuplicateName,
            InvalidValue, OutputPaddingTooLarge, GroupsMismatch, PixelShuffleChannels, EmptyModel,
            MissingInput, RankMismatch, UnflattenMismatch, PoolPaddingTooLarge, LatentMismatch,
            UnknownLossLayer, VariationalWithoutKl, HighPassTooSmall, UnpoolInputMismatch, EmptyPoolingWindow,
            UnpoolEmptyWindows, OverMemoryBudget, LossDoesNotFitTarget,
        };

        /// <summary>The rule with that ID, or null.</summary>
        public static DiagnosticRule? Find(string id) => All.FirstOrDefault(r => r.Id == id);
    }
}
