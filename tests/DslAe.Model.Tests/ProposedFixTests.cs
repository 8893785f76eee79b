using DslAe.Model;

namespace DslAe.Model.Tests;

/// <summary>
/// Fixes travel from the generator to the IDE's code fix as diagnostic properties (plain strings): they must come back
/// whole, and diagnostics that propose an edit must carry it as data beside the words.
/// </summary>
public class ProposedFixTests
{
    [Fact]
    public void A_fix_survives_its_trip_through_diagnostic_properties()
    {
        var fix = ProposedFix.On("Dec2", ArgumentEdit.Set(ArgumentNames.Padding, 1), ArgumentEdit.Set(ArgumentNames.CeilMode, true), ArgumentEdit.Remove(ArgumentNames.OutputPadding));
        Assert.Equal("Dec2;Padding=1;CeilMode=true;-OutputPadding", fix.Encode());
        Assert.Equal(fix, ProposedFix.Decode(fix.Encode()));
        Assert.Equal("«Padding = 1», «CeilMode = true», remove «OutputPadding» on Dec2", fix.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Dec2")]
    [InlineData(";Padding=1")]
    [InlineData("Dec2;Padding=")]
    [InlineData("Dec2;=1")]
    [InlineData("Dec2;-")]
    [InlineData("Dec2;Padding")]
    public void Anything_else_reads_as_no_fix(string? text) => Assert.Null(ProposedFix.Decode(text));

    [Fact]
    public void A_shape_mismatch_carries_the_edit_its_message_proposes()
    {
        var spec = new ModelSpec("Ae", null)
        {
            Input = new Shape(1, 28, 28),
            Encoder = new[] { new StageSpec("Enc1", new ConvLayer(8, 3) { Stride = 2 }) },
            Decoder = new[] { new StageSpec("Dec1", new ConvTransposeLayer(1, 3) { Stride = 2, Padding = Padding.Explicit(1) }) },
        };
        var mismatch = Assert.Single(ShapeInference.Infer(spec).Diagnostics, d => d.Id == "DSLAE001");
        Assert.EndsWith("set OutputPadding = 1 on Dec1 to get 28x28", mismatch.Message);
        Assert.Equal([ProposedFix.On("Dec1", ArgumentEdit.Set(ArgumentNames.OutputPadding, 1))], mismatch.Fixes);
    }
}
