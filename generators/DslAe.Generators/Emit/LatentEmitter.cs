using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>Writes the latent code's fields, registrations and the two halves of its forward pass.</summary>
    internal static class LatentEmitter
    {
        public static void Fields(SourceWriter w, LatentPlan latent)
        {
            var n = latent.Name;
            w.Line("/// <summary>" + n + ": " + latent.Latent.KindName + " code " + latent.Code + " from " + latent.Input + ", decoded from " + latent.Output + ".</summary>");
            switch (latent.Latent)
            {
                case ConvLatent:
                    w.Line("public readonly " + Code.Modules + ".Conv2d " + MemberNames.LatentIn(n) + ";");
                    break;
                case DenseLatent:
                    w.Line("public readonly " + Code.Modules + ".Linear " + MemberNames.LatentIn(n) + ";");
                    w.Line("public readonly " + Code.Modules + ".Linear " + MemberNames.LatentOut(n) + ";");
                    break;
                case VariationalLatent:
                    w.Line("public readonly " + Code.Modules + ".Linear " + MemberNames.LatentMean(n) + ";");
                    w.Line("public readonly " + Code.Modules + ".Linear " + MemberNames.LatentLogVariance(n) + ";");
                    w.Line("public readonly " + Code.Modules + ".Linear " + MemberNames.LatentOut(n) + ";");
                    break;
                case LearnableLatent when latent.ProjectBackFeatures > 0:
                    // The codes themselves are one row per training image, bound at run time (AutoencoderModule.BindCodes).
                    w.Line("public readonly " + Code.Modules + ".Linear " + MemberNames.LatentOut(n) + ";");
                    break;
            }
        }

        public static void Registrations(SourceWriter w, LatentPlan latent)
        {
            var n = latent.Name;
            var code = latent.Code.Channels;
            switch (latent.Latent)
            {
                case ConvLatent:
                    StageEmitter.RegisterModule(w, MemberNames.LatentIn(n), MemberNames.LatentIn(n), Code.Nn + ".Conv2d(" + Code.Int(latent.InFeatures) + ", " + Code.Int(code) + ", 1)");
                    break;
                case DenseLatent:
                    Linear(w, MemberNames.LatentIn(n), latent.InFeatures, code);
                    Linear(w, MemberNames.LatentOut(n), code, latent.ProjectBackFeatures);
                    break;
                case VariationalLatent:
                    Linear(w, MemberNames.LatentMean(n), latent.InFeatures, code);
                    Linear(w, MemberNames.LatentLogVariance(n), latent.InFeatures, code);
                    Linear(w, MemberNames.LatentOut(n), code, latent.ProjectBackFeatures);
                    break;
                case LearnableLatent when latent.ProjectBackFeatures > 0:
                    Linear(w, MemberNames.LatentOut(n), code, latent.ProjectBackFeatures);
                    break;
            }
        }

        /// <summary>Encodes <paramref name="previous"/>; the code is in <see cref="CodeLocal"/> (for a variational code, sampled in training).</summary>
        public static void Encode(SourceWriter w, LatentPlan latent, string previous, bool sample)
        {
            var n = latent.Name;
            var local = CodeLocal(latent);
            w.Line("// " + n + ": " + latent.Latent.KindName + " code " + latent.Input + " -> " + latent.Code);
            switch (latent.Latent)
            {
                case ConvLatent:
                    w.Line("var " + local + " = " + MemberNames.LatentIn(n) + ".call(" + previous + ");");
                    break;
                case DenseLatent:
                    w.Line("var " + local + " = " + MemberNames.LatentIn(n) + ".call(" + Flat(latent, previous) + ");");
                    break;
                case VariationalLatent:
                    w.Line("var " + MeanLocal(latent) + " = " + MemberNames.LatentMean(n) + ".call(" + Flat(latent, previous) + ");");
                    if (!sample)
                    {
                        // Encode returns the mean; the log-variance head would be computed for nothing.
                        w.Line("var " + local + " = " + MeanLocal(latent) + ";");
                        break;
                    }

                    w.Line("var " + LogVarianceLocal(latent) + " = " + MemberNames.LatentLogVariance(n) + ".call(" + Flat(latent, previous) + ");");
                    w.Line("var " + local + " = training ? " + Code.Runtime + ".Variational.Sample(" + MeanLocal(latent) + ", " + LogVarianceLocal(latent) + ") : " +
                        MeanLocal(latent) + ";");
                    break;
                case LearnableLatent:
                    // No encoder: an image's code is found by optimisation with the generator frozen. Training does not come
                    // here; it decodes each training image's own row of the code table (AutoencoderModule.RunCodes).
                    w.Line("var " + local + " = " + Code.Runtime + ".LearnedCodes.Fit(this, " + previous + ");");
                    break;
            }
        }

        /// <summary>Maps the code back to what the decoder starts from; returns the local holding it.</summary>
        public static string Decode(SourceWriter w, LatentPlan latent)
        {
            var local = CodeLocal(latent);
            if (latent.ProjectBackFeatures == 0)
            {
                return local;
            }

            var back = local.TrimStart('@') + "Back";
            w.Line("// " + latent.Name + ": projected back " + latent.Code + " -> " + latent.Output);
            var reshape = latent.Output.IsVector
                ? string.Empty
                : ".reshape(-1, " + Code.Int(latent.Output.Channels) + ", " + Code.Int(latent.Output.Height) + ", " + Code.Int(latent.Output.Width) + ")";
            w.Line("var " + back + " = " + MemberNames.LatentOut(latent.Name) + ".call(" + local + ")" + reshape + ";");
            return back;
        }

        public static string CodeLocal(LatentPlan latent) => Code.Local(latent.Name);

        public static string MeanLocal(LatentPlan latent) => CodeLocal(latent).TrimStart('@') + "Mean";

        public static string LogVarianceLocal(LatentPlan latent) => CodeLocal(latent).TrimStart('@') + "LogVariance";

        private static string Flat(LatentPlan latent, string x) => latent.Input.IsVector ? x : x + ".flatten(1)";

        private static void Linear(SourceWriter w, string field, int inFeatures, int outFeatures) =>
            StageEmitter.RegisterModule(w, field, field, Code.Nn + ".Linear(" + Code.Int(inFeatures) + ", " + Code.Int(outFeatures) + ")");
    }
}
