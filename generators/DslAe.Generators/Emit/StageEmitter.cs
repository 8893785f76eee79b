using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>
    /// Writes one planned stage three ways: its fields, its registration in the constructor, and its statements in
    /// the forward pass. Every number comes from the stage's lowering; nothing here computes a size.
    /// </summary>
    internal static class StageEmitter
    {
        public static void Fields(SourceWriter w, StagePlan stage)
        {
            var name = Code.Member(stage.Name);
            var comment = "/// <summary>" + stage.Name + ": " + stage.Stage.Layer.KindName + ", " + stage.Input + " -> " + stage.Output + ".</summary>";
            switch (stage.Layer)
            {
                case ConvLowering:
                    w.Line(comment).Line("public readonly " + Code.Modules + ".Conv2d " + name + ";");
                    break;
                case ConvTransposeLowering c when stage.Tied is null:
                    w.Line(comment).Line("public readonly " + Code.Modules + ".ConvTranspose2d " + name + ";");
                    break;
                case DenseLowering when stage.Tied is null:
                    w.Line(comment).Line("public readonly " + Code.Modules + ".Linear " + name + ";");
                    break;
                case ConvTransposeLowering { Bias: true }:
                case DenseLowering { Bias: true }:
                    // Not readonly: TorchSharp's module.to(...) replaces a module's own parameters and updates the field.
                    w.Line("/// <summary>" + stage.Name + "'s own bias; its weight is " + stage.Tied!.Source + "'s (tied).</summary>")
                        .Line("public " + Code.Modules + ".Parameter " + MemberNames.Bias(stage.Name) + ";");
                    break;
            }

            if (stage.Norm is { } norm)
            {
                w.Line("/// <summary>" + stage.Name + "'s " + norm.Kind.ToString().ToLowerInvariant() + " norm.</summary>")
                    .Line("public readonly " + Code.Modules + "." + NormType(norm) + " " + MemberNames.Norm(stage.Name) + ";");
            }
        }

        public static void Registrations(SourceWriter w, StagePlan stage)
        {
            var name = Code.Member(stage.Name);
            switch (stage.Layer)
            {
                case ConvLowering c:
                    // padding: 0 is left out: the literal 0 also converts to TorchSharp's Padding enum, which makes the call ambiguous.
                    RegisterModule(w, name, stage.Name, Code.Nn + ".Conv2d(" + Code.Int(c.InChannels) + ", " + Code.Int(c.OutChannels) + ", " + Code.Int(c.Kernel) +
                        ", stride: " + Code.Int(c.Stride) + (c.PaddingHeight == 0 ? string.Empty : ", padding: " + Code.Int(c.PaddingHeight)) + ", dilation: " + Code.Int(c.Dilation) +
                        ", groups: " + Code.Int(c.Groups) + ", bias: " + Code.Bool(c.Bias) + ")");
                    break;
                case ConvTransposeLowering c when stage.Tied is null:
                    RegisterModule(w, name, stage.Name, Code.Nn + ".ConvTranspose2d(" + Code.Int(c.InChannels) + ", " + Code.Int(c.OutChannels) + ", " + Code.Int(c.Kernel) +
                        ", stride: " + Code.Int(c.Stride) + ", padding: " + Code.Int(c.PaddingHeight) + ", output_padding: " + Code.Int(c.OutputPaddingHeight) +
                        ", dilation: " + Code.Int(c.Dilation) + ", groups: " + Code.Int(c.Groups) + ", bias: " + Code.Bool(c.Bias) + ")");
                    break;
                case DenseLowering d when stage.Tied is null:
                    RegisterModule(w, name, stage.Name, Code.Nn + ".Linear(" + Code.Int(d.InFeatures) + ", " + Code.Int(d.OutFeatures) + ", hasBias: " + Code.Bool(d.Bias) + ")");
                    break;
                case ConvTransposeLowering { Bias: true } c:
                    w.Line(MemberNames.Bias(stage.Name) + " = RegisterParameter(" + Code.String(MemberNames.Bias(stage.Name)) + ", " + Code.Torch + ".zeros(" + Code.Int(c.OutChannels) + "));");
                    break;
                case DenseLowering { Bias: true } d:
                    w.Line(MemberNames.Bias(stage.Name) + " = RegisterParameter(" + Code.String(MemberNames.Bias(stage.Name)) + ", " + Code.Torch + ".zeros(" + Code.Int(d.OutFeatures) + "));");
                    break;
            }

            if (stage.Norm is { } norm)
            {
                var args = norm.Kind switch
                {
                    NormKind.Group => Code.Int(norm.Groups) + ", " + Code.Int(norm.Channels),
                    NormKind.Layer => Code.IntArray(norm.NormalizedShape),
                    _ => Code.Int(norm.Channels),
                };
                // GroupNorm through the runtime: TorchSharp 0.107 leaves its affine parameters uninitialised.
                var factory = norm.Kind == NormKind.Group ? Code.Runtime + ".Norms." : Code.Nn + ".";
                RegisterModule(w, MemberNames.Norm(stage.Name), MemberNames.Norm(stage.Name), factory + NormType(norm) + "(" + args + ")");
            }
        }

        /// <summary><c>Field = RegisterModule("Name", nn.X(...));</c>: the state_dict name is the member's name.</summary>
        public static void RegisterModule(SourceWriter w, string field, string name, string factory) =>
            w.Line(field + " = RegisterModule(" + Code.String(name) + ", " + factory + ");");

        /// <summary>Writes the statements of the stage, reading <paramref name="previous"/>; the result is in the stage's local.</summary>
        public static void Forward(SourceWriter w, StagePlan stage, string previous)
        {
            var local = Code.Local(stage.Name);
            w.Line("// " + stage.Name + ": " + Describe(stage));
            var current = previous;
            var declared = false;

            void Assign(string expression)
            {
                w.Line((declared ? string.Empty : "var ") + local + " = " + expression + ";");
                declared = true;
                current = local;
            }

            if (stage.Skip is { } skip)
            {
                var source = Code.SkipSource(skip);
                if (skip.HighPass is { } hp)
                {
                    source = Code.Runtime + ".SkipFilters.HighPass(" + source + ", " + Code.Int(hp.PoolKernel) + ", (" + Code.Int(hp.OutputHeight) + ", " +
                        Code.Int(hp.OutputWidth) + "), " + Code.Mode(hp.Mode) + ")";
                }

                Assign(skip.Merge == MergeKind.Concat
                    ? Code.Torch + ".cat([" + current + ", " + source + "], 1)"
                    : current + " + " + source);
            }

            var name = Code.Member(stage.Name);
            switch (stage.Layer)
            {
                case ConvLowering c:
                    if (c.PrePad is { } pre)
                    {
                        Assign(Pad(current, pre));
                    }

                    Assign(name + ".call(" + current + ")");
                    break;
                case ConvTransposeLowering c:
                    Assign(stage.Tied is { } tie
                        ? Code.F + ".conv_transpose2d(" + current + ", " + Code.Member(tie.Source) + ".weight, " + (c.Bias ? MemberNames.Bias(stage.Name) : "null") +
                          ", strides: " + Code.Longs(c.Stride, c.Stride) + ", padding: " + Code.Longs(c.PaddingHeight, c.PaddingHeight) + ", output_padding: " +
                          Code.Longs(c.OutputPaddingHeight, c.OutputPaddingHeight) + ", dilation: " + Code.Longs(c.Dilation, c.Dilation) + ", groups: " + Code.Int(c.Groups) + ")"
                        : name + ".call(" + current + ")");
                    if (c.PostPad is { } post)
                    {
                        Assign(Pad(current, post));
                    }

                    break;
                case DenseLowering d:
                    Assign(stage.Tied is { } tied
                        ? Code.F + ".linear(" + current + ", " + Code.Member(tied.Source) + ".weight" + (tied.Transpose ? ".t()" : string.Empty) + ", " +
                          (d.Bias ? MemberNames.Bias(stage.Name) : "null") + ")"
                        : name + ".call(" + current + ")");
                    break;
                case MaxPoolLowering p when p.KeepIndices:
                    w.Line("var (" + local + ", " + Indices(stage.Name) + ") = " + Code.F + ".max_pool2d_with_indices(" + current + ", " + PoolWindow(p.Kernel, p.Stride, p.Padding) +
                        ", dilation: " + Code.Longs(p.Dilation, p.Dilation) + ", ceil_mode: " + Code.Bool(p.CeilMode) + ");");
                    declared = true;
                    current = local;
                    break;
                case MaxPoolLowering p:
                    Assign(Code.F + ".max_pool2d(" + current + ", " + PoolWindow(p.Kernel, p.Stride, p.Padding) + ", dilation: " + Code.Longs(p.Dilation, p.Dilation) +
                        ", ceil_mode: " + Code.Bool(p.CeilMode) + ")");
                    break;
                case AvgPoolLowering p:
                    Assign(Code.F + ".avg_pool2d(" + current + ", kernel_size: " + Code.Longs(p.Kernel, p.Kernel) + ", stride: " + Code.Longs(p.Stride, p.Stride) + ", padding: " +
                        Code.Longs(p.Padding, p.Padding) + ", ceil_mode: " + Code.Bool(p.CeilMode) + ", count_include_pad: " + Code.Bool(p.CountIncludePad) + ")");
                    break;
                case MaxUnpoolLowering u:
                    Assign(Code.Runtime + ".MaxUnpooling.Unpool2d(" + current + ", " + Indices(u.PoolStage) + ", (" + Code.Int(u.OutputHeight) + ", " + Code.Int(u.OutputWidth) + "))");
                    break;
                case UpsampleLowering u:
                    // align_corners is always written for the interpolating modes: libtorch prints a warning on every call that leaves it unset.
                    Assign(Code.F + ".interpolate(" + current + ", " + Code.Longs(u.OutputHeight, u.OutputWidth) + ", mode: " + Code.Mode(u.Mode) +
                        (u.Mode == UpsampleMode.Nearest ? string.Empty : ", align_corners: " + Code.Bool(u.AlignCorners == true)) + ")");
                    break;
                case PixelShuffleLowering p:
                    Assign(Code.F + ".pixel_shuffle(" + current + ", " + Code.Int(p.Factor) + ")");
                    break;
                case ZeroUnpoolLowering z:
                    Assign(Code.Runtime + ".ZeroUnpooling.Insert(" + current + ", " + Code.Int(z.Factor) + ")");
                    break;
                case FlattenLowering:
                    Assign(current + ".flatten(1)");
                    break;
                case UnflattenLowering u:
                    Assign(current + ".reshape(-1, " + Code.Int(u.Channels) + ", " + Code.Int(u.Height) + ", " + Code.Int(u.Width) + ")");
                    break;
            }

            if (stage.Norm is not null)
            {
                Assign(MemberNames.Norm(stage.Name) + ".call(" + current + ")");
            }

            var activation = Activation(stage.Stage.Activation, current);
            if (activation is not null)
            {
                Assign(activation);
            }

            if (stage.Stage.Dropout > 0)
            {
                Assign(Code.F + ".dropout(" + current + ", " + Code.Double(stage.Stage.Dropout) + ", training)");
            }

            if (!declared)
            {
                Assign(current);
            }
        }

        public static string Indices(string poolStage) => Code.Local(poolStage).TrimStart('@') + "Indices";

        public static string? Activation(ActivationSpec activation, string x) => activation.Kind switch
        {
            ActivationKind.None => null,
            ActivationKind.LeakyRelu => Code.F + ".leaky_relu(" + x + ", " + Code.Double(activation.EffectiveParameter) + ")",
            ActivationKind.Elu => Code.F + ".elu(" + x + ", " + Code.Double(activation.EffectiveParameter) + ")",
            ActivationKind.Softmax => Code.F + ".softmax(" + x + ", 1)",
            ActivationKind.Relu => Code.F + ".relu(" + x + ")",
            ActivationKind.Gelu => Code.F + ".gelu(" + x + ")",
            ActivationKind.Silu => Code.F + ".silu(" + x + ")",
            ActivationKind.Sigmoid => Code.F + ".sigmoid(" + x + ")",
            ActivationKind.Tanh => Code.F + ".tanh(" + x + ")",
            _ => null,
        };

        private static string Pad(string x, Pad2d pad) =>
            Code.F + ".pad(" + x + ", " + Code.Longs(pad.Left, pad.Right, pad.Top, pad.Bottom) + ")";

        /// <summary>A max pool's kernel, stride and padding arguments, square (TorchSharp names its stride "strides" there).</summary>
        private static string PoolWindow(int kernel, int stride, int padding) =>
            "kernel_size: " + Code.Longs(kernel, kernel) + ", strides: " + Code.Longs(stride, stride) + ", padding: " + Code.Longs(padding, padding);

        private static string NormType(NormLowering norm) => norm.Kind switch
        {
            NormKind.Group => "GroupNorm",
            NormKind.Layer => "LayerNorm",
            // TorchSharp's modules check the rank: BatchNorm1d takes the (N, C) of a dense stage, BatchNorm2d (N, C, H, W).
            _ => norm.OnVector ? "BatchNorm1d" : "BatchNorm2d",
        };

        private static string Describe(StagePlan stage)
        {
            var text = stage.Stage.Layer.KindName + " " + stage.Incoming;
            if (stage.Skip is { } skip)
            {
                text += " + " + skip.From + (skip.HighPass is null ? string.Empty : " (high-pass)") + " by " + skip.Merge.ToString().ToLowerInvariant() + " = " + stage.Input;
            }

            return text + " -> " + stage.Output + ", " + Code.Int(stage.ParameterCount) + " parameters";
        }
    }
}
