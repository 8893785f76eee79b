using System.Collections.Generic;
using System.Linq;
using DslAe.Model;

namespace DslAe.Generators.Emit
{
    /// <summary>
    /// The names of the members a generated module declares, in one place: the emitters write them, and
    /// <see cref="Clashes"/> checks before emission that none collides with another or with an inherited member.
    /// </summary>
    internal static class MemberNames
    {
        /// <summary>Members a generated module inherits (DslAe.AutoencoderModule and DslAe.Torch.Nn.Module) or that every object has.</summary>
        private static readonly HashSet<string> Inherited = new HashSet<string>
        {
            "Buffers", "Children", "ComputeLoss", "Corrupt", "Decode", "Definition", "Dispose", "Encode", "Eval", "Forward",
            "IsTraining", "Load", "LoadStateDict", "NamedBuffers", "NamedChildren", "NamedModules", "NamedParameters",
            "ParameterCount", "Parameters", "RegisterBuffer", "RegisterModule", "RegisterParameter", "Run", "Save",
            "StateDict", "To", "Train", "ZeroGrad", "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize",
        };

        public static string Norm(string stage) => stage + "Norm";

        public static string Bias(string stage) => stage + "Bias";

        public static string LatentIn(string latent) => latent + "In";

        public static string LatentOut(string latent) => latent + "Out";

        public static string LatentMean(string latent) => latent + "Mean";

        public static string LatentLogVariance(string latent) => latent + "LogVariance";

        /// <summary>
        /// Each generated member that collides: (the stage whose name causes it, the member, what it collides with).
        /// The module class itself counts as a member name (a member cannot be named like its type).
        /// </summary>
        public static IEnumerable<(string Stage, string Member, string Other)> Clashes(ModelPlan plan)
        {
            var declared = new Dictionary<string, string>();
            declared[plan.Spec.Name + "Module"] = "the module class";
            foreach (var (stage, member) in Declared(plan))
            {
                if (Inherited.Contains(member))
                {
                    yield return (stage, member, "an inherited member of the module");
                }
                else if (declared.TryGetValue(member, out var owner))
                {
                    yield return (stage, member, owner);
                }
                else
                {
                    declared[member] = "a member generated for " + stage;
                }
            }
        }

        /// <summary>Every field the module declares, with the stage (or latent) it belongs to, in declaration order.</summary>
        private static List<(string Stage, string Member)> Declared(ModelPlan plan)
        {
            var members = new List<(string Stage, string Member)>();
            ModuleEmitter.InModuleOrder(
                plan,
                stage => members.AddRange(StageMembers(stage).Select(member => (stage.Name, member))),
                latent => members.AddRange(LatentMembers(latent).Select(member => (latent.Name, member))));
            return members;
        }

        private static string[] LatentMembers(LatentPlan latent)
        {
            var n = latent.Name;
            return latent.Latent switch
            {
                ConvLatent => new[] { LatentIn(n) },
                DenseLatent => new[] { LatentIn(n), LatentOut(n) },
                VariationalLatent => new[] { LatentMean(n), LatentLogVariance(n), LatentOut(n) },
                _ => new string[0],
            };
        }

        private static IEnumerable<string> StageMembers(StagePlan stage)
        {
            var owned = stage.Layer is ConvLowering || (stage.Tied is null && stage.Layer is ConvTransposeLowering or DenseLowering);
            if (owned)
            {
                yield return stage.Name;
            }
            else if (stage.Tied is not null && stage.Layer is ConvTransposeLowering { Bias: true } or DenseLowering { Bias: true })
            {
                yield return Bias(stage.Name);
            }

            if (stage.Norm is not null)
            {
                yield return Norm(stage.Name);
            }
        }
    }
}
