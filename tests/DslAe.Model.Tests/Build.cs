using DslAe.Model;

namespace DslAe.Model.Tests;

/// <summary>Terse construction of IR for tests; every stage gets a distinct location so tests can check where diagnostics point.</summary>
internal static class Build
{
    public const string File = "Models.cs";

    /// <summary>A location unique to <paramref name="line"/>.</summary>
    public static SourceLocation At(int line, int column = 4, int length = 10) =>
        new(File, (line * 100) + column, length, line, column, line, column + length);

    private static int _nextLine = 1;

    /// <summary>A stage at a fresh line, with its arguments located at distinct columns of that line.</summary>
    public static StageSpec Stage(string name, LayerSpec layer, params string[] locatedArguments)
    {
        var line = Interlocked.Increment(ref _nextLine) * 10;
        var arguments = locatedArguments.Select((a, i) => new ArgumentLocation(a, At(line, 20 + (i * 10), 5))).ToArray();
        return new StageSpec(name, layer) { Location = At(line), ArgumentLocations = arguments };
    }

    public static StageSpec Conv(string name, int outChannels, int kernel = 3, int stride = 1, Padding? padding = null) =>
        Stage(name, new ConvLayer(outChannels, kernel) { Stride = stride, Padding = padding ?? Padding.Same },
            ArgumentNames.OutChannels, ArgumentNames.Kernel, ArgumentNames.Stride, ArgumentNames.Padding);

    public static StageSpec ConvT(string name, int outChannels, int kernel = 3, int stride = 1, Padding? padding = null, int? outputPadding = null) =>
        Stage(name, new ConvTransposeLayer(outChannels, kernel) { Stride = stride, Padding = padding ?? Padding.Same, OutputPadding = outputPadding },
            ArgumentNames.OutChannels, ArgumentNames.Kernel, ArgumentNames.Stride, ArgumentNames.Padding, ArgumentNames.OutputPadding);

    public static StageSpec MaxPool(string name, int kernel = 2, bool indices = false, bool ceil = false) =>
        Stage(name, new MaxPoolLayer(kernel) { KeepIndices = indices, CeilMode = ceil },
            ArgumentNames.Kernel, ArgumentNames.KeepIndices);

    public static StageSpec Dense(string name, int features) => Stage(name, new DenseLayer(features), ArgumentNames.OutFeatures);

    public static StageSpec Flatten(string name) => Stage(name, new FlattenLayer());

    public static StageSpec Unpool(string name, string of) => Stage(name, new MaxUnpoolLayer(of), ArgumentNames.Of);

    public static StageSpec WithSkip(this StageSpec stage, string from, MergeKind merge = MergeKind.Concat, SkipFilter filter = SkipFilter.None) =>
        stage with
        {
            Skip = new SkipSpec(from) { Merge = merge, Filter = filter, Location = At(stage.Location.StartLine + 1) },
        };

    /// <summary>A model located at line 1 with its Input argument at line 2.</summary>
    public static ModelSpec Ae(Shape? input, StageSpec[] encoder, LatentSpec? latent = null, params StageSpec[] decoder) =>
        new("TestAe", "Tests")
        {
            Location = At(1),
            ArgumentLocations = new[] { new ArgumentLocation(ArgumentNames.Input, At(2)) },
            Input = input,
            Encoder = encoder,
            Latent = latent,
            Decoder = decoder,
        };

    public static Shape Image(int c, int h, int w) => new(c, h, w);

    public static ModelPlan Infer(this ModelSpec spec) => ShapeInference.Infer(spec);

    /// <summary>The one diagnostic with <paramref name="id"/>; fails listing all when there is not exactly one.</summary>
    public static DiagnosticInfo Single(this ModelPlan plan, string id)
    {
        var matches = plan.Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1, $"expected one {id}, got:\n" + string.Join("\n", plan.Diagnostics));
        return matches[0];
    }

    /// <summary>Asserts the plan has no diagnostics at all.</summary>
    public static ModelPlan Clean(this ModelPlan plan)
    {
        Assert.True(plan.Diagnostics.IsEmpty, "unexpected diagnostics:\n" + string.Join("\n", plan.Diagnostics));
        return plan;
    }

    public static StagePlan Stage(this ModelPlan plan, string name) =>
        plan.FindStage(name) ?? throw new Xunit.Sdk.XunitException($"no plan for {name}; diagnostics:\n" + string.Join("\n", plan.Diagnostics));
}
