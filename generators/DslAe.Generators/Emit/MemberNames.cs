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
        /// <summary>
        /// Members a generated module inherits: the public and protected members of DslAe.AutoencoderModule and of
        /// TorchSharp's nn.Module&lt;Tensor, Tensor&gt; and nn.Module, and those of every object. A test compares this list
        /// with the runtime's types by reflection, so it cannot drift from them.
        /// </summary>
        internal static readonly HashSet<string> Inherited = new HashSet<string>
        {
            // DslAe.AutoencoderModule
            "BindCodes", "Codes", "ComputeLoss", "Corrupt", "CreateEncoder", "Decode", "Definition", "Encode", "EncoderFeatures", "FeatureNetwork",
            "Keep", "LearnsCodes", "PrepareToLoad", "RegisterModule", "RegisterParameter", "Run", "RunCodes",
            // TorchSharp's nn.Module<Tensor, Tensor> and nn.Module
            "ClearModules", "ConditionallyRegisterBuffer", "ConditionallyRegisterParameter", "Create", "Dispose", "GetDefaultDeviceAndType", "GetName",
            "HType", "HookRemover", "RegisterComponents", "ReplaceBuffer", "ReplaceParameter", "_deviceIndex", "_deviceType", "_internal_buffers",
            "_internal_params", "_internal_submodules", "_named_buffers", "_named_parameters", "_parameters", "_to", "_toEpilog", "add_module", "apply",
            "buffers", "call", "children", "eval", "forward", "get_buffer", "get_parameter", "has_buffer", "has_parameter", "load", "load_state_dict",
            "module_post_hooks", "module_pre_hooks", "modules", "name", "named_buffers", "named_children", "named_modules", "named_parameters",
            "parameters", "post_hooks", "pre_hooks", "register_buffer", "register_forward_hook", "register_forward_pre_hook", "register_module",
            "register_parameter", "save", "save_state_dict", "state_dict", "train", "training", "zero_grad",
            // System.Object
            "Equals", "Finalize", "GetHashCode", "GetType", "MemberwiseClone", "ReferenceEquals", "ToString",
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
                LearnableLatent when latent.ProjectBackFeatures > 0 => new[] { LatentOut(n) },
                _ => new string[0],
            };
        }

        /// <summary>The members of an encoder stage (its module and its norm); encoder stages are never tied.</summary>
        public static IEnumerable<string> OfStage(StagePlan stage) => StageMembers(stage);

        /// <summary>The members of a latent that <c>Encode</c> runs: the input projection, a variational code's mean head, or none (learned codes are fitted, not computed).</summary>
        public static IEnumerable<string> EncodingOfLatent(LatentPlan latent) => latent.Latent switch
        {
            VariationalLatent => new[] { LatentMean(latent.Name) },
            LearnableLatent => new string[0],
            _ => new[] { LatentIn(latent.Name) },
        };

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
