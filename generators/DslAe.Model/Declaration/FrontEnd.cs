namespace DslAe.Model
{
    /// <summary>
    /// The language a declaration was written in. Messages name arguments the way that language spells them
    /// (<c>Stride = 2</c> in C#, <c>stride: 2</c> in YAML); see <see cref="ArgumentSpelling"/>.
    /// </summary>
    public enum FrontEnd
    {
        /// <summary>Attributed C# records (the default).</summary>
        CSharp,

        /// <summary><c>*.dslae.yaml</c> files.</summary>
        Yaml,
    }
}
