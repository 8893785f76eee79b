namespace DslAe.Model
{
    /// <summary>
    /// The argument names front ends use in <see cref="SpecElement.ArgumentLocations"/> and that
    /// shape inference asks for when it locates a diagnostic. They are the C# attribute property names;
    /// the YAML front end maps its keys (e.g. <c>out</c>, <c>indices</c>) onto them.
    /// </summary>
    public static class ArgumentNames
    {
#pragma warning disable CS1591 // Each constant is the argument of the same name.
        public const string Name = "Name";
        public const string Input = "Input";
        public const string OutChannels = "OutChannels";
        public const string Kernel = "Kernel";
        public const string Stride = "Stride";
        public const string Padding = "Padding";
        public const string OutputPadding = "OutputPadding";
        public const string Dilation = "Dilation";
        public const string Groups = "Groups";
        public const string CeilMode = "CeilMode";
        public const string KeepIndices = "KeepIndices";
        public const string Of = "Of";
        public const string Mode = "Mode";
        public const string Scale = "Scale";
        public const string Size = "Size";
        public const string Height = "Height";
        public const string Width = "Width";
        public const string Factor = "Factor";
        public const string OutFeatures = "OutFeatures";
        public const string Shape = "Shape";
        public const string Norm = "Norm";
        public const string NormGroups = "NormGroups";
        public const string Activation = "Activation";
        public const string ActParameter = "ActParameter";
        public const string Dropout = "Dropout";
        public const string Skip = "Skip";
        public const string Merge = "Merge";
        public const string Filter = "Filter";
        public const string TiedTo = "TiedTo";
        public const string Channels = "Channels";
        public const string Dims = "Dims";
        public const string LatentKind = "LatentKind";
        public const string ProjectTo = "ProjectTo";
        public const string CodeLearningRate = "CodeLearningRate";
        public const string FitSteps = "FitSteps";
        public const string Amount = "Amount";
        public const string Weight = "Weight";
        public const string Levels = "Levels";
        public const string Layers = "Layers";
        public const string Classes = "Classes";
        public const string TargetKind = "TargetKind";
        public const string Residual = "Residual";
        public const string Freeze = "Freeze";
        public const string Hidden = "Hidden";
        public const string Labels = "Labels";
        public const string Epochs = "Epochs";
        public const string BatchSize = "BatchSize";
        public const string LearningRate = "LearningRate";
        public const string MinLearningRate = "MinLearningRate";
        public const string Momentum = "Momentum";
        public const string Nesterov = "Nesterov";
        public const string WeightDecay = "WeightDecay";
        public const string Betas = "Betas";
        public const string Beta1 = "Beta1";
        public const string Beta2 = "Beta2";
        public const string StepSize = "StepSize";
        public const string Gamma = "Gamma";
        public const string GradientClip = "GradientClip";
        public const string ValidationFraction = "ValidationFraction";
        public const string EarlyStoppingPatience = "EarlyStoppingPatience";
        public const string MemoryBudget = "MemoryBudget";
        public const string MinibatchKernels = "MinibatchKernels";
        public const string MinibatchKernelDims = "MinibatchKernelDims";
#pragma warning restore CS1591
    }
}
