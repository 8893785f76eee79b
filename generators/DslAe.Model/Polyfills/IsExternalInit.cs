// netstandard2.0 lacks the marker type the compiler needs for `init` accessors and records.
// Internal, so it never clashes with the one in the consumer's framework.
namespace System.Runtime.CompilerServices
{
    internal static class IsExternalInit
    {
    }
}
