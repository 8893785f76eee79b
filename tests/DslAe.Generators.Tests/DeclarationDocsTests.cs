using System.Reflection;
using DslAe.Generators.Tests.Infrastructure;

namespace DslAe.Generators.Tests;

/// <summary>docs/declarations.md documents every attribute users can write and every argument of each.</summary>
public sealed class DeclarationDocsTests
{
    private static readonly string Docs = File.ReadAllText(RepositoryFiles.PathOf("docs/declarations.md"));

    public static TheoryData<string> Attributes => new(typeof(global::DslAe.Stage).Assembly.GetExportedTypes()
        .Where(t => t.Namespace == "DslAe" && typeof(Attribute).IsAssignableFrom(t) && !t.IsAbstract)
        .Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Attributes))]
    public void Every_attribute_and_argument_is_documented(string attributeName)
    {
        var type = typeof(global::DslAe.Stage).Assembly.GetType("DslAe." + attributeName)!;
        var shortName = attributeName[..^"Attribute".Length];
        Assert.True(Docs.Contains("`[" + shortName, StringComparison.Ordinal), "docs/declarations.md has no section for [" + shortName + "]");

        var arguments = type.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.Name!)
            .Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.DeclaringType != typeof(Attribute)).Select(p => p.Name))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        var missing = arguments.Where(a => !Docs.Contains("`" + a + "`", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(missing.Count == 0, "docs/declarations.md does not document " + shortName + "'s " + string.Join(", ", missing));
    }
}
