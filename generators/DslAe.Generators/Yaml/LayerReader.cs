using System.Collections.Generic;
using System.Linq;
using DslAe.Generators.CSharp;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>Reads a stage's layer key (<c>conv: {...}</c>, <c>max_pool: {...}</c>, ...) into the IR's layer record.</summary>
    internal sealed class LayerReader
    {
        private readonly string _owner;
        private readonly List<DiagnosticInfo> _diagnostics;

        public LayerReader(string owner, List<DiagnosticInfo> diagnostics)
        {
            _owner = owner;
            _diagnostics = diagnostics;
        }

        /// <summary>Locations of the layer's arguments, named as the C# front end names them.</summary>
        public List<ArgumentLocation> ArgumentLocations { get; } = new List<ArgumentLocation>();

        /// <summary>The layer, or null (with a diagnostic) when its value is not a mapping.</summary>
        public LayerSpec? Read(DocEntry entry)
        {
            var key = entry.KeyText!;
            var section = YamlSchema.LayerSection(key)!;
            if (key == "flatten" && entry.Value is DocScalar { IsNull: true })
            {
                return FlattenLayer.Instance;
            }

            if (entry.Value is not DocMapping mapping)
            {
                _diagnostics.Add(YamlFrontEndRules.WrongType.Create(entry.Value.Location, _owner, key,
                    key == "flatten" ? "an empty mapping: flatten: {}" : "a mapping of its arguments, e.g. " + Example(key), entry.Value.Describe()));
                return null;
            }

            var m = new MappingReader(mapping, _owner + " " + key, section.Keys, _diagnostics);
            // Unflatten's three numbers are one argument, its target shape; elsewhere height/width are an upsampling's size.
            ArgumentLocations.AddRange(m.ArgumentLocations(k => key == "unflatten" ? ArgumentNames.Shape : Rename.Stage(DeclarationReader.Pascal(k))));
            switch (key)
            {
                case "conv":
                    return new ConvLayer(Required(m, "out_channels"), m.Int("kernel") ?? Defaults.Kernel)
                    {
                        Stride = m.Int("stride") ?? Defaults.Stride,
                        Padding = ReadPadding(m),
                        Dilation = m.Int("dilation") ?? Defaults.Dilation,
                        Groups = m.Int("groups") ?? Defaults.Groups,
                        Bias = m.Bool("bias") ?? Defaults.Bias,
                    };
                case "conv_t":
                    return new ConvTransposeLayer(Required(m, "out_channels"), m.Int("kernel") ?? Defaults.Kernel)
                    {
                        Stride = m.Int("stride") ?? Defaults.Stride,
                        Padding = ReadPadding(m),
                        OutputPadding = m.Int("output_padding", nullable: true),
                        Dilation = m.Int("dilation") ?? Defaults.Dilation,
                        Groups = m.Int("groups") ?? Defaults.Groups,
                        Bias = m.Bool("bias") ?? Defaults.Bias,
                    };
                case "max_pool":
                    return new MaxPoolLayer(Required(m, "kernel"))
                    {
                        Stride = m.Int("stride", nullable: true),
                        Padding = m.Int("padding") ?? Defaults.PoolPadding,
                        Dilation = m.Int("dilation") ?? Defaults.Dilation,
                        CeilMode = m.Bool("ceil_mode") ?? false,
                        KeepIndices = m.Bool("keep_indices") ?? false,
                    };
                case "avg_pool":
                    return new AvgPoolLayer(Required(m, "kernel"))
                    {
                        Stride = m.Int("stride", nullable: true),
                        Padding = m.Int("padding") ?? Defaults.PoolPadding,
                        CeilMode = m.Bool("ceil_mode") ?? false,
                        CountIncludePad = m.Bool("count_include_pad") ?? Defaults.CountIncludePad,
                    };
                case "unpool":
                    if (!m.Has("of"))
                    {
                        m.Missing("of", "name the max-pooling stage whose indices to use, e.g. of: Pool1");
                    }

                    return new MaxUnpoolLayer(m.String("of") ?? string.Empty);
                case "upsample":
                    return ReadUpsample(m);
                case "pixel_shuffle":
                    return new PixelShuffleLayer(Required(m, "factor"));
                case "zero_unpool":
                    return new ZeroUnpoolLayer(Required(m, "factor"));
                case "dense":
                    return new DenseLayer(Required(m, "features")) { Bias = m.Bool("bias") ?? Defaults.Bias };
                case "unflatten":
                    return new UnflattenLayer(Required(m, "channels"), Required(m, "height"), Required(m, "width"));
                default:
                    // flatten: {} (the mapping reader has reported any key written inside it).
                    return FlattenLayer.Instance;
            }
        }

        private static UpsampleLayer ReadUpsample(MappingReader m)
        {
            var mode = m.TryOption("mode", YamlSpelling.UpsampleModes, out var written) ? written : UpsampleMode.Nearest;
            var layer = new UpsampleLayer(mode) { AlignCorners = m.Bool("align_corners") ?? false, Scale = m.Double("scale", nullable: true) };
            var sizeKeys = new[] { "height", "width" }.Where(m.Has).ToList();
            if (sizeKeys.Count == 0)
            {
                return layer;
            }

            if (m.IsSet("scale"))
            {
                m.DoesNotApply("scale", "without height and width", "give either scale or height and width");
            }

            foreach (var missing in new[] { "height", "width" }.Except(sizeKeys))
            {
                m.Missing(missing, "an explicit size needs both height and width");
            }

            return layer with { Size = new SpatialSize(m.Int("height") ?? 0, m.Int("width") ?? 0) };
        }

        /// <summary>padding: same, valid, or a number of pixels on every side.</summary>
        private Padding ReadPadding(MappingReader m)
        {
            if (!m.Has("padding"))
            {
                return Defaults.Padding;
            }

            var entry = m.Entries.First(e => e.KeyText == "padding");
            if (entry.Value is DocScalar { IsPlain: true, IsNull: false } scalar)
            {
                switch (scalar.Value)
                {
                    case "same":
                        return Padding.Same;
                    case "valid":
                        return Padding.Valid;
                }

                if (YamlText.TryParseInt(scalar.Value, out var amount))
                {
                    return Padding.Explicit(amount);
                }

                if (!YamlText.LooksLikeInteger(scalar.Value) && !YamlText.TryParseDouble(scalar.Value, out _))
                {
                    var suggestion = Suggestions.Closest(scalar.Value, new[] { "same", "valid" });
                    _diagnostics.Add(YamlFrontEndRules.UnknownValue.Create(entry.Location, m.Owner, "padding", scalar.Value, "same, valid or a number of pixels",
                        suggestion is null ? string.Empty : "; did you mean '" + suggestion + "'?"));
                    return Defaults.Padding;
                }
            }

            m.WrongType(entry, "padding", "same, valid or an integer number of pixels");
            return Defaults.Padding;
        }

        private static int Required(MappingReader m, string key) => DeclarationReader.RequiredInt(m, key, key switch
        {
            "out_channels" => "write the output channels, e.g. out_channels: 32 (input channels are inferred)",
            "kernel" => "write the window size, e.g. kernel: 2",
            "factor" => "write the upscale factor, e.g. factor: 2",
            "features" => "write the output features, e.g. features: 128",
            _ => "write channels, height and width, e.g. { channels: 32, height: 7, width: 7 }",
        });

        private static string Example(string key) => key switch
        {
            "conv" or "conv_t" => key + ": { out_channels: 32, kernel: 3, stride: 2 }",
            "max_pool" => "max_pool: { kernel: 2, keep_indices: true }",
            "avg_pool" => "avg_pool: { kernel: 2 }",
            "unpool" => "unpool: { of: Pool1 }",
            "upsample" => "upsample: { mode: bilinear, scale: 2 }",
            "pixel_shuffle" => "pixel_shuffle: { factor: 2 }",
            "dense" => "dense: { features: 128 }",
            _ => "unflatten: { channels: 32, height: 7, width: 7 }",
        };
    }
}
