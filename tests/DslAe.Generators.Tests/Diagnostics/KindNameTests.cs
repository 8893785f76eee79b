using DslAe.Model;

namespace DslAe.Generators.Tests.Diagnostics;

/// <summary>Messages and summaries name latent kinds as users write them: the C# enum member (YAML's lower-case kind).</summary>
public sealed class KindNameTests
{
    [Fact]
    public void Every_latent_kind_name_is_a_member_of_the_LatentKind_enum_users_write()
    {
        LatentSpec[] kinds = [new DenseLatent(4), new ConvLatent(4), new VariationalLatent(4), new LearnableLatent(4)];
        Assert.Equal(Enum.GetNames<global::DslAe.LatentKind>().Order(), kinds.Select(k => k.KindName).Order());
    }
}
