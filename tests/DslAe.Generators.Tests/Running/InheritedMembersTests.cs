using System.Reflection;
using DslAe.Generators.Emit;

namespace DslAe.Generators.Tests.Running;

/// <summary>
/// DSLAE303 knows which names a generated module inherits from a hard-coded list (the generator cannot load the
/// runtime or TorchSharp). This compares that list with the real base classes, so a TorchSharp or runtime upgrade that
/// adds a member fails here instead of letting a stage name shadow it.
/// </summary>
public sealed class InheritedMembersTests
{
    [Fact]
    public void The_generators_list_of_inherited_members_is_exactly_what_AutoencoderModule_inherits()
    {
        var actual = new SortedSet<string>(StringComparer.Ordinal);
        for (var type = typeof(global::DslAe.AutoencoderModule); type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                if (VisibleToDerived(member)) actual.Add(member.Name);
            }
        }

        var listed = new SortedSet<string>(MemberNames.Inherited, StringComparer.Ordinal);
        Assert.True(actual.SetEquals(listed),
            "missing from MemberNames.Inherited: " + string.Join(", ", actual.Except(listed)) + "; listed but not inherited: " + string.Join(", ", listed.Except(actual)));
    }

    private static bool VisibleToDerived(MemberInfo member) => member switch
    {
        ConstructorInfo => false,
        MethodInfo { IsSpecialName: true } => false,
        MethodBase m => Visible(m),
        FieldInfo f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly,
        PropertyInfo p => (p.GetMethod ?? p.SetMethod) is { } accessor && Visible(accessor),
        EventInfo e => e.AddMethod is { } add && Visible(add),
        Type nested => nested.IsNestedPublic || nested.IsNestedFamily || nested.IsNestedFamORAssem,
        _ => false,
    };

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;
}
