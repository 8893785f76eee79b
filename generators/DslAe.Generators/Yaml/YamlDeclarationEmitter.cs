using DslAe.Generators.Emit;
using DslAe.Model;

namespace DslAe.Generators.Yaml
{
    /// <summary>
    /// A YAML model has no user-written C# type to complete, so the generator adds one:
    /// <c>public static partial class {Name}</c> with <c>Definition</c> and <c>CreateModule()</c>, the same entry points
    /// the C# front end adds to an attributed record. Users reach both kinds of model the same way.
    /// </summary>
    internal static class YamlDeclarationEmitter
    {
        public static string Emit(ModelSpec spec, string fileName)
        {
            var w = new SourceWriter();
            ModuleEmitter.Header(w, spec);
            w.Line("/// <summary>The model declared in " + System.Security.SecurityElement.Escape(fileName) + ": its definition and module factory.</summary>");
            using (w.Block("public static partial class " + spec.Name))
            {
                w.Line("/// <summary>What the compiler knows of this model: summary, training settings, module factory.</summary>");
                w.Line("public static " + spec.Name + "Definition Definition => " + spec.Name + "Definition.Instance;");
                w.Line();
                w.Line("/// <summary>A new module of this model with freshly initialised parameters, on the CPU.</summary>");
                w.Line("public static " + spec.Name + "Module CreateModule() => new();");
            }

            return w.ToString();
        }
    }
}
