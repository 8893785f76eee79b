using System.Collections;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace DslAe.Generators.Tests.Caching;

/// <summary>
/// Walks a pipeline value by reflection and names every Roslyn object inside it that compares by reference or pins a
/// compilation (symbols, syntax, locations, compilations). Such a value defeats the incremental cache or keeps old
/// compilations alive; the generator's values must be plain records of strings and numbers.
/// </summary>
public static class CachedValueInspector
{
    private static readonly Type[] Forbidden =
    [
        typeof(Compilation), typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxTree), typeof(SemanticModel), typeof(Location),
        typeof(SyntaxToken), typeof(SyntaxTrivia), typeof(SyntaxReference), typeof(AttributeData), typeof(TypedConstant),
    ];

    /// <summary>Paths (e.g. "Spec.Encoder[0].Layer") to forbidden objects; empty when the value is clean.</summary>
    public static IReadOnlyList<string> FindForbidden(object? value, string root)
    {
        var found = new List<string>();
        Walk(value, root, new HashSet<object>(ReferenceEqualityComparer.Instance), found, depth: 0);
        return found;
    }

    private static void Walk(object? value, string path, HashSet<object> seen, List<string> found, int depth)
    {
        if (value is null || depth > 64)
        {
            return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is string or decimal or Type)
        {
            return;
        }

        if (Forbidden.Any(f => f.IsAssignableFrom(type)))
        {
            found.Add(path + " : " + type.FullName);
            return;
        }

        if (!type.IsValueType && !seen.Add(value))
        {
            return;
        }

        // A default ImmutableArray throws when enumerated; it holds nothing.
        var isDefaultArray = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(System.Collections.Immutable.ImmutableArray<>) &&
            (bool)type.GetProperty("IsDefault")!.GetValue(value)!;
        if (value is IEnumerable items && !isDefaultArray)
        {
            var i = 0;
            foreach (var item in items)
            {
                Walk(item, path + "[" + i++ + "]", seen, found, depth + 1);
            }
        }

        for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
        {
            foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            {
                if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                {
                    continue;
                }

                Walk(field.GetValue(value), path + "." + field.Name, seen, found, depth + 1);
            }
        }
    }
}
