using System.Collections.Generic;
using System.Linq;
using System.Threading;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.CodeFixes
{
    /// <summary>
    /// Applies a <see cref="ProposedFix"/> to the C# attribute that declares its stage. The spellings (which property,
    /// which constructor parameter, how a value is written) are <see cref="ArgumentSpelling.ForCSharp"/>'s, the same
    /// the messages use, so the action does what the message says.
    /// </summary>
    internal static class StageEdit
    {
        /// <summary>"Dec1: set OutputPadding = 1" or "Enc1: set Pad = Pad.Same, remove Padding"; null when no edit can be spelt in C#.</summary>
        public static string? Describe(ProposedFix fix)
        {
            var arguments = CSharpArguments(fix);
            if (arguments.Count == 0)
            {
                return null;
            }

            var parts = arguments.Select(a => a.Expression is null ? a.ToString() : "set " + a);
            return fix.Stage + ": " + string.Join(", ", parts);
        }

        /// <summary>The stage property of that name in the model's declaration.</summary>
        public static PropertyDeclarationSyntax? PropertyOf(TypeDeclarationSyntax model, string stage) =>
            model.Members.OfType<PropertyDeclarationSyntax>().FirstOrDefault(p => p.Identifier.ValueText == stage);

        /// <summary>The property's stage attribute: the one whose type derives from DslAe.StageAttribute, or DslAe.LatentAttribute.</summary>
        public static AttributeSyntax? StageAttributeOf(PropertyDeclarationSyntax property, SemanticModel semantics, CancellationToken cancellation)
        {
            foreach (var attribute in property.AttributeLists.SelectMany(l => l.Attributes))
            {
                if (semantics.GetSymbolInfo(attribute, cancellation).Symbol is not IMethodSymbol { ContainingType: { } type })
                {
                    continue;
                }

                if (IsDslAe(type, "LatentAttribute"))
                {
                    return attribute;
                }

                for (var t = type.BaseType; t is not null; t = t.BaseType)
                {
                    if (IsDslAe(t, "StageAttribute"))
                    {
                        return attribute;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// <paramref name="attribute"/> with the fix's arguments set, changed or removed. Constructor arguments are found
        /// by name (<c>features: 784</c>) or position (<paramref name="constructor"/>'s parameter order); properties by
        /// name, and a property not yet written is added at the end.
        /// </summary>
        public static AttributeSyntax Apply(AttributeSyntax attribute, ProposedFix fix, IMethodSymbol? constructor)
        {
            var arguments = attribute.ArgumentList?.Arguments.ToList() ?? new List<AttributeArgumentSyntax>();
            foreach (var change in CSharpArguments(fix))
            {
                var index = Find(arguments, change, constructor);
                if (change.Expression is null)
                {
                    if (index >= 0)
                    {
                        arguments.RemoveAt(index);
                    }

                    continue;
                }

                var expression = SyntaxFactory.ParseExpression(change.Expression);
                if (index >= 0)
                {
                    arguments[index] = arguments[index].WithExpression(expression.WithTriviaFrom(arguments[index].Expression));
                }
                else
                {
                    var written = change.Positional ? change.Name + ": " + change.Expression : change.Name + " = " + change.Expression;
                    var added = SyntaxFactory.ParseAttributeArgumentList("(" + written + ")")!.Arguments[0];
                    // Constructor arguments go before the named properties.
                    var at = change.Positional ? arguments.TakeWhile(a => a.NameEquals is null).Count() : arguments.Count;
                    arguments.Insert(at, added);
                }
            }

            var separators = Enumerable.Repeat(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space), System.Math.Max(0, arguments.Count - 1));
            var list = SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(arguments, separators));
            return attribute.WithArgumentList(arguments.Count == 0 ? null : attribute.ArgumentList is { } old ? list.WithTriviaFrom(old) : list);
        }

        private static IReadOnlyList<ArgumentSpelling.CSharpArgument> CSharpArguments(ProposedFix fix) =>
            fix.Edits.SelectMany(ArgumentSpelling.ForCSharp).ToList();

        private static int Find(List<AttributeArgumentSyntax> arguments, ArgumentSpelling.CSharpArgument change, IMethodSymbol? constructor)
        {
            if (!change.Positional)
            {
                return arguments.FindIndex(a => a.NameEquals?.Name.Identifier.ValueText == change.Name);
            }

            var named = arguments.FindIndex(a => a.NameColon?.Name.Identifier.ValueText == change.Name);
            if (named >= 0)
            {
                return named;
            }

            var ordinal = constructor?.Parameters.FirstOrDefault(p => p.Name == change.Name)?.Ordinal ?? -1;
            return ordinal >= 0 && ordinal < arguments.Count && arguments[ordinal].NameEquals is null && arguments[ordinal].NameColon is null ? ordinal : -1;
        }

        private static bool IsDslAe(INamedTypeSymbol type, string name) =>
            type.Name == name && type.ContainingNamespace is { Name: "DslAe", ContainingNamespace.IsGlobalNamespace: true };
    }
}
