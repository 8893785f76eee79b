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
                    w.Line(comment).Line("public readonly " + Code.Nn + ".Conv2d " + name + ";");
                    break;
                case ConvTransposeLowering c when stage.Tied is null:
                    w.Line(comment).Line("public readonly " + Code.Nn + ".ConvTranspose2d " + name + ";");
                    break;
                case DenseLowering when stage.Tied is null:
                    w.Line(comment).Line("public readonly " + Code.Nn + ".Linear " + name + ";");
                    break;
                case ConvTransposeLowering { Bias: true }:
                case DenseLowering { Bias: true }:
                    w.Line("/// <summary>" + stage.Name + "'s own bias; its weight is " + stage.Tied!.Source + "'s (tied).</summary>")
                        .Line("public readonly " + Code.Tensor + " " + MemberNames.Bias(stage.Name) + ";");
                    break;
            }

            if (stage.Norm is { } norm)
            {
                w.Line("/// <summary>" + stage.Name + "'s " + norm.Kind.ToString().ToLowerInvariant() + " norm.</summary>")
                    .Line("public readonly " + Code.Nn + "." + NormType(norm) + " " + MemberNames.Norm(stage.Name) + ";");
            }
        }

        public static void Registrations(SourceWriter w, StagePlan stage)
        {
            var name = Code.Member(stage.Name);
            switch (stage.Layer)
            {
                case ConvLowering c:
                    w.Line(name + " = RegisterModule(" + Code.String(stage.Name) + ", new " + Code.Nn + ".Conv2d(" + Code.Int(c.InChannels) + ", " +
                        Code.Int(c.OutChannels) + ", " + Code.Int(c.Kernel) + ", stride: " + Code.Int(c.Stride) + ", padding: " + Code.Int(c.PaddingHeight) +
                        ", dilation: " + Code.Int(c.Dilation) + ", groups: " + Code.Int(c.Groups) + ", bias: " + Code.Bool(c.Bias) + "));");
                    break;
                case ConvTransposeLowering c when stage.Tied is null:
                    w.Line(name + " = RegisterModule(" + Code.String(stage.Name) + ", new " + Code.Nn + ".ConvTranspose2d(" + Code.Int(c.InChannels) + ", " +
                        Code.Int(c.OutChannels) + ", " + Code.Int(c.Kernel) + ", stride: " + Code.Int(c.Stride) + ", padding: " + Code.Int(c.PaddingHeight) +
                        ", outputPadding: " + Code.Int(c.OutputPaddingHeight) + ", dilation: " + Code.Int(c.Dilation) + ", groups: " + Code.Int(c.Groups) +
                        ", bias: " + Code.Bool(c.Bias) + "));");
                    break;
                case DenseLowering d when stage.Tied is null:
                    w.Line(name + " = RegisterModule(" + Code.String(stage.Name) + ", new " + Code.Nn + ".Linear(" + Code.Int(d.InFeatures) + ", " +
                        Code.Int(d.OutFeatures) + ", bias: " + Code.Bool(d.Bias) + "));");
                    break;
                case ConvTransposeLowering { Bias: true } c:
                    w.Line(MemberNames.Bias(stage.Name) + " = RegisterParameter(" + Code.String(MemberNames.Bias(stage.Name)) + ", " + Code.Torch + ".Torch.Zeros([" + Code.Int(c.OutChannels) + "]));");
                    break;
                case DenseLowering { Bias: true } d:
                    w.Line(MemberNames.Bias(stage.Name) + " = RegisterParameter(" + Code.String(MemberNames.Bias(stage.Name)) + ", " + Code.Torch + ".Torch.Zeros([" + Code.Int(d.OutFeatures) + "]));");
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
                w.Line(MemberNames.Norm(stage.Name) + " = RegisterModule(" + Code.String(MemberNames.Norm(stage.Name)) + ", new " + Code.Nn + "." + NormType(norm) + "(" + args + "));");
            }
        }

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
                var source = Code.Local(skip.From);
                if (skip.HighPass is { } hp)
                {
                    source = Code.Runtime + ".SkipFilters.HighPass(" + source + ", " + Code.Int(hp.PoolKernel) + ", (" + Code.Int(hp.OutputHeight) + ", " +
                        Code.Int(hp.OutputWidth) + "), " + Code.Mode(hp.Mode) + ")";
                }

                Assign(skip.Merge == MergeKind.Concat
                    ? Code.Torch + ".Torch.Cat([" + current + ", " + source + "], 1)"
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

                    Assign(name + ".Forward(" + current + ")");
                    break;
                case ConvTransposeLowering c:
                    Assign(stage.Tied is { } tie
                        ? Code.F + ".ConvTranspose2d(" + current + ", " + Code.Member(tie.Source) + ".Weight, " + (c.Bias ? MemberNames.Bias(stage.Name) : "null") +
                          ", stride: " + Code.Int(c.Stride) + ", padding: " + Code.Int(c.PaddingHeight) + ", outputPadding: " + Code.Int(c.OutputPaddingHeight) +
                          ", groups: " + Code.Int(c.Groups) + ", dilation: " + Code.Int(c.Dilation) + ")"
                        : name + ".Forward(" + current + ")");
                    if (c.PostPad is { } post)
                    {
                        Assign(Pad(current, post));
                    }

                    break;
                case DenseLowering d:
                    Assign(stage.Tied is { } tied
                        ? Code.F + ".Linear(" + current + ", " + Code.Member(tied.Source) + ".Weight" + (tied.Transpose ? ".T()" : string.Empty) + ", " +
                          (d.Bias ? MemberNames.Bias(stage.Name) : "null") + ")"
                        : name + ".Forward(" + current + ")");
                    break;
                case MaxPoolLowering p when p.KeepIndices:
                    w.Line("var (" + local + ", " + Indices(stage.Name) + ") = " + Code.F + ".MaxPool2dWithIndices(" + current + ", " + Code.Int(p.Kernel) +
                        ", stride: " + Code.Int(p.Stride) + ", padding: " + Code.Int(p.Padding) + ", dilation: " + Code.Int(p.Dilation) + ", ceilMode: " +
                        Code.Bool(p.CeilMode) + ");");
                    declared = true;
                    current = local;
                    break;
                case MaxPoolLowering p:
                    Assign(Code.F + ".MaxPool2d(" + current + ", " + Code.Int(p.Kernel) + ", stride: " + Code.Int(p.Stride) + ", padding: " +
                        Code.Int(p.Padding) + ", dilation: " + Code.Int(p.Dilation) + ", ceilMode: " + Code.Bool(p.CeilMode) + ")");
                    break;
                case AvgPoolLowering p:
                    Assign(Code.F + ".AvgPool2d(" + current + ", " + Code.Int(p.Kernel) + ", stride: " + Code.Int(p.Stride) + ", padding: " +
                        Code.Int(p.Padding) + ", ceilMode: " + Code.Bool(p.CeilMode) + ", countIncludePad: " + Code.Bool(p.CountIncludePad) + ")");
                    break;
                case MaxUnpoolLowering u:
                    Assign(Code.F + ".MaxUnpool2d(" + current + ", " + Indices(u.PoolStage) + ", (" + Code.Int(u.OutputHeight) + ", " + Code.Int(u.OutputWidth) + "))");
                    break;
                case UpsampleLowering u:
                    Assign(Code.F + ".Interpolate(" + current + ", (" + Code.Int(u.OutputHeight) + ", " + Code.Int(u.OutputWidth) + "), " + Code.Mode(u.Mode) +
                        (u.AlignCorners == true ? ", alignCorners: true" : string.Empty) + ")");
                    break;
                case PixelShuffleLowering p:
                    Assign(Code.F + ".PixelShuffle(" + current + ", " + Code.Int(p.Factor) + ")");
                    break;
                case FlattenLowering:
                    Assign(current + ".Flatten(1)");
                    break;
                case UnflattenLowering u:
                    Assign(current + ".Reshape(-1, " + Code.Int(u.Channels) + ", " + Code.Int(u.Height) + ", " + Code.Int(u.Width) + ")");
                    break;
            }

            if (stage.Norm is not null)
            {
                Assign(MemberNames.Norm(stage.Name) + ".Forward(" + current + ")");
            }

            var activation = Activation(stage.Stage.Activation, current);
            if (activation is not null)
            {
                Assign(activation);
            }

            if (stage.Stage.Dropout > 0)
            {
                Assign(Code.F + ".Dropout(" + current + ", " + Code.Double(stage.Stage.Dropout) + ", IsTraining)");
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
            ActivationKind.LeakyRelu => Code.F + ".LeakyRelu(" + x + ", " + Code.Double(activation.EffectiveParameter) + ")",
            ActivationKind.Elu => Code.F + ".Elu(" + x + ", " + Code.Double(activation.EffectiveParameter) + ")",
            ActivationKind.Softmax => Code.F + ".Softmax(" + x + ", 1)",
            var kind => Code.F + "." + kind + "(" + x + ")",
        };

        private static string Pad(string x, Pad2d pad) =>
            Code.F + ".Pad(" + x + ", " + Code.Int(pad.Left) + ", " + Code.Int(pad.Right) + ", " + Code.Int(pad.Top) + ", " + Code.Int(pad.Bottom) + ")";

        private static string NormType(NormLowering norm) => norm.Kind switch
        {
            NormKind.Group => "GroupNorm",
            NormKind.Layer => "LayerNorm",
            // libtorch's batch_norm normalises (N, C) and (N, C, H, W) alike, so one module serves vectors too.
            _ => "BatchNorm2d",
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
