namespace DslAe.Generators.CSharp
{
    /// <summary>
    /// Maps attribute property names onto the IR's <see cref="DslAe.Model.ArgumentNames"/> where the two differ,
    /// so shape inference finds e.g. the location of <c>Pad</c> when it asks for "Padding".
    /// </summary>
    internal static class Rename
    {
        public static string Stage(string attributeArgument) => attributeArgument switch
        {
            "Pad" => "Padding",
            "Height" or "Width" => "Size",
            "Features" => "OutFeatures",
            "Act" or "ActParameter" => "Activation",
            "NormGroups" => "Norm",
            "HighPass" => "Filter",
            "Channels" => "Shape",
            "Kind" => "Norm",
            "P" => "Dropout",
            _ => attributeArgument,
        };

        public static string Model(string attributeArgument) => attributeArgument switch
        {
            "Shape" => "Input",
            "Batch" => "BatchSize",
            "Lr" => "LearningRate",
            "ClipNorm" => "GradientClip",
            "Validation" => "ValidationFraction",
            "Patience" => "EarlyStoppingPatience",
            "Beta1" or "Beta2" => "Betas",
            "Size" => "Dims",
            _ => attributeArgument,
        };
    }
}
