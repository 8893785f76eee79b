using System.Collections.Immutable;
using DslAe.Model;

namespace DslAe.Model.Tests;

public class EquatableArrayTests
{
    [Fact]
    public void Equal_elements_make_equal_arrays_with_equal_hashes()
    {
        EquatableArray<string> fromArray = new[] { "a", "b" };
        EquatableArray<string> fromImmutable = ImmutableArray.Create("a", "b");
        Assert.Equal(fromArray, fromImmutable);
        Assert.True(fromArray == fromImmutable);
        Assert.Equal(fromArray.GetHashCode(), fromImmutable.GetHashCode());
        Assert.NotEqual(fromArray, EquatableArray.Create("a", "c"));
        Assert.NotEqual(fromArray, EquatableArray.Create("a"));
    }

    [Fact]
    public void Default_is_empty_and_equals_an_empty_array()
    {
        EquatableArray<int> none = default;
        Assert.True(none.IsEmpty);
        Assert.Empty(none);
        Assert.Equal(none, new EquatableArray<int>(Array.Empty<int>()));
        Assert.Equal("[]", none.ToString());
        Assert.True(none.ToImmutableArray().IsEmpty);
    }

    [Fact]
    public void It_copies_so_later_changes_to_the_source_are_not_seen()
    {
        var source = new[] { 1, 2 };
        EquatableArray<int> copy = source;
        source[0] = 9;
        Assert.Equal(1, copy[0]);
    }

    [Fact]
    public void Records_holding_arrays_compare_by_value()
    {
        StageSpec Stage() => new("Enc1", new ConvLayer(8, 3))
        {
            ArgumentLocations = new[] { new ArgumentLocation(ArgumentNames.Kernel, new SourceLocation("a.cs", 1, 2, 0, 1, 0, 3)) },
        };

        var a = new ModelSpec("M", null) { Input = new Shape(1, 28, 28), Encoder = new[] { Stage() }, Losses = new LossSpec[] { new PerceptualLoss(new[] { "Enc1" }) } };
        var b = new ModelSpec("M", null) { Input = new Shape(1, 28, 28), Encoder = new[] { Stage() }, Losses = new LossSpec[] { new PerceptualLoss(new[] { "Enc1" }) } };
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, b with { Encoder = new[] { Stage() with { Dropout = 0.1 } } });
    }

    [Fact]
    public void Argument_locations_fall_back_to_the_element()
    {
        var kernel = new SourceLocation("a.cs", 10, 1, 2, 3, 2, 4);
        var stage = new StageSpec("S", new ConvLayer(1, 3)) { Location = new SourceLocation("a.cs", 0, 5, 1, 0, 1, 5), ArgumentLocations = new[] { new ArgumentLocation("Kernel", kernel) } };
        Assert.Equal(kernel, stage.LocationOf(ArgumentNames.Kernel));
        Assert.Equal(stage.Location, stage.LocationOf(ArgumentNames.Stride));
        Assert.Equal("a.cs(3,4)", kernel.ToString());
    }
}
