namespace DslAe.Model
{
    /// <summary>
    /// Pre-train, then fine-tune: after training as an autoencoder, the decoder is dropped and a classifier head on the
    /// encoder's code is trained on labelled images, the encoder frozen or fine-tuned with it. The same encoder and
    /// head are also trained from random initialisation, so the run reports what pre-training gained.
    /// </summary>
    /// <param name="Classes">The head's classes K (at least 2); 0 when the declaration left it out (an error).</param>
    public sealed record FineTuneSpec(int Classes) : SpecElement
    {
        /// <summary>Keep the encoder's weights fixed and train only the head (a probe of the code); false: train both.</summary>
        public bool Freeze { get; init; } = Defaults.FineTuneFreeze;

        /// <summary>Width of a hidden ReLU layer in the head; 0: the head is one linear layer from the code to K logits.</summary>
        public int Hidden { get; init; }

        /// <summary>Passes over the labelled images.</summary>
        public int Epochs { get; init; } = Defaults.FineTuneEpochs;

        /// <summary>Adam's learning rate for the head (and the encoder when it is not frozen).</summary>
        public double LearningRate { get; init; } = Defaults.FineTuneLearningRate;

        /// <summary>How many labelled training images, a seeded choice; null: all of them. The command line's <c>--labels</c> overrides it.</summary>
        public int? Labels { get; init; }
    }
}
