namespace DslAe.Generators.CSharp
{
    /// <summary>
    /// Maps attribute property names onto the IR's <see cref="DslAe.Model.ArgumentNames"/> where the two differ,
    /// so shape inference finds e.g. the location of <c>Pad</c> when it asks for "Padding".
    /// </summary>
    internal static class Rename
    {
        /// <summary>The renaming for the arguments of one stage attribute (Unflatten's Height and Width are its Shape).</summary>
        public static System.Func<string, string> StageArguments(string attributeName) =>
            attributeName == "Unflatten" ? argument => argument is "Height" or "Width" ? "Shape" : Stage(argument, attributeName) : argument => Stage(argument, attributeName);

        /// <summary>The IR name of a stage-level argument (one every stage attribute has).</summary>
        public static string Stage(string attributeArgument) => Stage(attributeArgument, string.Empty);

        private static string Stage(string attributeArgument, string attributeName) => attributeArgument switch
        {
            "Pad" => "Padding",
            "Height" or "Width" => "Size",
            "Features" => "OutFeatures",
            "Act" or "ActParameter" => "Activation",
            "NormGroups" => "Norm",
            "HighPass" => "Filter",
            "Channels" => "Shape",
            "Kind" => attributeName == "Activation" ? "Activation" : "Norm",
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
            "MinLr" => "MinLearningRate",
            "CodeLr" => "CodeLearningRate",
            "Size" => "Dims",
            _ => attributeArgument,
        };
    }
}
