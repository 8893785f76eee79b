using System.Globalization;
using DslAe.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace DslAe.Generators.Emit
{
    /// <summary>Literal and identifier spelling shared by the emitters (invariant culture, escaped keywords).</summary>
    internal static class Code
    {
        /// <summary>TorchSharp's <c>torch</c>: tensor factories (<c>torch.zeros</c>, <c>torch.cat</c>).</summary>
        public const string Torch = "global::TorchSharp.torch";

        /// <summary><c>torch.nn</c>: module factories (<c>nn.Conv2d(...)</c>).</summary>
        public const string Nn = "global::TorchSharp.torch.nn";

        /// <summary><c>torch.nn.functional</c>.</summary>
        public const string F = "global::TorchSharp.torch.nn.functional";

        /// <summary>TorchSharp's module and parameter types (<c>TorchSharp.Modules.Conv2d</c>).</summary>
        public const string Modules = "global::TorchSharp.Modules";

        public const string Tensor = "global::TorchSharp.torch.Tensor";
        public const string Runtime = "global::DslAe";

        public static string Int(long value) => value.ToString(CultureInfo.InvariantCulture);

        public static string Double(double value)
        {
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains(".") || text.Contains("E") || text.Contains("N") || text.Contains("I") ? text : text + ".0";
        }

        public static string Bool(bool value) => value ? "true" : "false";

        public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>The local a skip reads: its source stage's, or the method's <c>input</c> parameter for the model's input.</summary>
        public static string SkipSource(SkipLowering skip) => skip.ReadsInput ? "input" : Local(skip.From);

        /// <summary>A local variable name for a stage: camelCase, '@'-escaped when it is a keyword.</summary>
        public static string Local(string stageName)
        {
            var camel = stageName.Length == 0 ? "stage" : char.ToLowerInvariant(stageName[0]) + stageName.Substring(1);
            // A local must not shadow the stage's field (a lower-case stage name) nor a parameter of the generated methods.
            if (camel == stageName || camel is "input" or "target" or "pass" or "scope" or "z" or "features" or "stages")
            {
                camel += "Tensor";
            }

            return SyntaxFacts.GetKeywordKind(camel) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(camel) != SyntaxKind.None
                ? "@" + camel
                : camel;
        }

        /// <summary>A field (member) name for a stage: the stage's name, '@'-escaped when it is a keyword.</summary>
        public static string Member(string name) =>
            SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        public static string Shape(Shape shape) => shape.ToString();

        public static string IntArray(Shape shape) => shape.IsVector
            ? "[" + Int(shape.Channels) + "]"
            : "[" + Int(shape.Channels) + ", " + Int(shape.Height) + ", " + Int(shape.Width) + "]";

        public static string Mode(UpsampleMode mode) => Torch + ".InterpolationMode." + mode;

        /// <summary>A long[] literal: <c>[a, b]</c> (TorchSharp takes sizes, strides and paddings as arrays).</summary>
        public static string Longs(params long[] values) => "[" + string.Join(", ", System.Array.ConvertAll(values, Int)) + "]";
    }
}
