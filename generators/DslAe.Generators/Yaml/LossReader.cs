using System.Linq;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>Builds one loss term of a given kind from its mapping's kind-specific keys (levels, layers, classes, ...).</summary>
    internal sealed class LossReader
    {
        /// <summary>Which kinds each kind-specific key belongs to, for "does not apply" messages.</summary>
        private static readonly (string Key, string[] Kinds, string Where)[] SpecificKeys =
        {
            ("levels", new[] { nameof(LaplacianPyramidLoss) }, "to kind: laplacian_pyramid"),
            ("layers", new[] { nameof(PerceptualLoss), nameof(StyleLoss) }, "to kind: perceptual or style"),
            ("network", new[] { nameof(PerceptualLoss), nameof(StyleLoss) }, "to kind: perceptual or style"),
            ("weights", new[] { nameof(PerceptualLoss), nameof(StyleLoss) }, "to kind: perceptual or style"),
            ("classes", new[] { nameof(CrossEntropyLoss) }, "to kind: cross_entropy"),
            ("discriminator", new[] { nameof(AdversarialLoss) }, "to kind: adversarial"),
        };

        private readonly DeclarationReader _stages;

        /// <summary><paramref name="stages"/> reads an adversarial term's discriminator stages.</summary>
        public LossReader(DeclarationReader stages)
        {
            _stages = stages;
        }

        /// <summary>The term with the IR's defaults, overridden by what <paramref name="m"/> (null for "- mse") holds.</summary>
        public LossSpec? Create(string kind, MappingReader? m)
        {
            if (m is not null)
            {
                foreach (var (key, kinds, where) in SpecificKeys)
                {
                    if (m.Has(key) && !kinds.Contains(kind))
                    {
                        m.DoesNotApply(key, where, "remove it or change 'kind'");
                    }
                }
            }

            switch (kind)
            {
                case nameof(MseLoss): return new MseLoss();
                case nameof(L1Loss): return new L1Loss();
                case nameof(BceLoss): return new BceLoss();
                case nameof(BceWithLogitsLoss): return new BceWithLogitsLoss();
                case nameof(KlLoss): return new KlLoss();
                case nameof(LaplacianPyramidLoss): return new LaplacianPyramidLoss { Levels = m?.Int("levels") ?? Defaults.PyramidLevels };
                case nameof(CrossEntropyLoss): return new CrossEntropyLoss { Classes = m?.Int("classes", nullable: true) };
                case nameof(PerceptualLoss):
                case nameof(StyleLoss):
                    var layers = m?.NameList("layers");
                    if (layers is null)
                    {
                        if (m is not null && !m.Has("layers"))
                        {
                            m.Missing("layers", "name the stages whose features to compare, e.g. layers: [Enc1, Enc2]");
                        }

                        return null;
                    }

                    FeatureLoss feature = kind == nameof(PerceptualLoss) ? new PerceptualLoss(layers.ToEquatableArray()) : new StyleLoss(layers.ToEquatableArray());
                    return feature with { Network = m!.String("network", nullable: true), Weights = m.String("weights", nullable: true) };
                default:
                    if (m is null || !m.Has("discriminator"))
                    {
                        m?.Missing("discriminator", "declare it, e.g. discriminator: { stages: [ { name: D1, conv: { out_channels: 16, stride: 2 } }, ... ] }");
                        return null;
                    }

                    var discriminator = _stages.ReadDiscriminator(m);
                    return discriminator is null ? null : new AdversarialLoss(discriminator);
            }
        }
    }
}
