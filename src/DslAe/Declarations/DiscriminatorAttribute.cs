namespace DslAe;

/// <summary>
/// Marks a stage as one of the adversarial loss's discriminator (docs/declarations.md#discriminator): the marked stages,
/// in declaration order and wherever they stand among the others, run on an image of the model's output shape and end
/// in one logit; they are not part of the encoder or decoder. Declare the loss with
/// <c>[Loss(LossKind.Adversarial)]</c> (and <c>Minibatch = true</c> for minibatch discrimination).
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class DiscriminatorAttribute : Attribute
{
}
