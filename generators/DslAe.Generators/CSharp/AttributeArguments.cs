using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using DslAe.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DslAe.Generators.CSharp
{
    /// <summary>
    /// The arguments a user wrote in one attribute, by name, each with the location of its text.
    /// Constructor arguments are named after their parameter with the first letter upper-cased, so
    /// <c>[Conv(32, Stride = 2)]</c> has "OutChannels" and "Stride" — the names of <see cref="ArgumentNames"/>
    /// where the two agree. Only what was written is present: defaults belong to the IR.
    /// </summary>
    internal sealed class AttributeArguments
    {
        private readonly Dictionary<string, (TypedConstant Value, SourceLocation Location)> _byName =
            new Dictionary<string, (TypedConstant, SourceLocation)>(StringComparer.Ordinal);

        private AttributeArguments(string attributeName, SourceLocation location)
        {
            AttributeName = attributeName;
            Location = location;
        }

        /// <summary>The attribute's short name without "Attribute" ("Conv", "MaxPool").</summary>
        public string AttributeName { get; }

        /// <summary>Where the whole attribute is written.</summary>
        public SourceLocation Location { get; }

        /// <summary>Names of the arguments written, in no particular order.</summary>
        public IEnumerable<string> Names => _byName.Keys;

        /// <summary>Reads an attribute application; null when the compiler could not bind it (its own error stands).</summary>
        public static AttributeArguments? Read(AttributeData data, CancellationToken cancellationToken)
        {
            if (data.AttributeClass is null || data.AttributeClass.TypeKind == TypeKind.Error || data.AttributeConstructor is null)
            {
                return null;
            }

            var syntax = data.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
            var name = data.AttributeClass.Name;
            if (name.EndsWith("Attribute", StringComparison.Ordinal))
            {
                name = name.Substring(0, name.Length - "Attribute".Length);
            }

            var result = new AttributeArguments(name, Locations.Of(syntax));
            var positional = new List<AttributeArgumentSyntax>();
            var named = new Dictionary<string, AttributeArgumentSyntax>(StringComparer.Ordinal);
            if (syntax?.ArgumentList is not null)
            {
                foreach (var argument in syntax.ArgumentList.Arguments)
                {
                    if (argument.NameEquals is not null)
                    {
                        named[argument.NameEquals.Name.Identifier.ValueText] = argument;
                    }
                    else if (argument.NameColon is not null)
                    {
                        named[Capitalize(argument.NameColon.Name.Identifier.ValueText)] = argument;
                    }
                    else
                    {
                        positional.Add(argument);
                    }
                }
            }

            var parameters = data.AttributeConstructor.Parameters;
            for (var i = 0; i < data.ConstructorArguments.Length && i < parameters.Length; i++)
            {
                var parameterName = Capitalize(parameters[i].Name);
                SourceLocation location;
                if (named.TryGetValue(parameterName, out var namedSyntax))
                {
                    location = Locations.Of(namedSyntax);
                }
                else if (parameters[i].IsParams && i < positional.Count)
                {
                    // A params array spans from its first to its last element.
                    location = Locations.Span(positional[i], positional[positional.Count - 1]);
                }
                else
                {
                    location = i < positional.Count ? Locations.Of(positional[i]) : result.Location;
                }

                result._byName[parameterName] = (data.ConstructorArguments[i], location);
            }

            foreach (var argument in data.NamedArguments)
            {
                var location = named.TryGetValue(argument.Key, out var namedSyntax) ? Locations.Of(namedSyntax) : result.Location;
                result._byName[argument.Key] = (argument.Value, location);
            }

            return result;
        }

        /// <summary>True when the user wrote the argument.</summary>
        public bool Has(string name) => _byName.ContainsKey(name);

        /// <summary>Location of the argument, or of the attribute when the argument was not written.</summary>
        public SourceLocation LocationOf(string name) => _byName.TryGetValue(name, out var entry) ? entry.Location : Location;

        /// <summary>
        /// The argument locations in the IR's form, for <see cref="SpecElement.ArgumentLocations"/>. Arguments that rename
        /// to one IR argument (Unflatten's Channels, Height and Width are its Shape) get one location spanning them all.
        /// </summary>
        public EquatableArray<ArgumentLocation> ArgumentLocations(Func<string, string>? rename = null)
        {
            var merged = new Dictionary<string, SourceLocation>(StringComparer.Ordinal);
            foreach (var entry in _byName)
            {
                var name = rename?.Invoke(entry.Key) ?? entry.Key;
                var location = entry.Value.Location;
                merged[name] = merged.TryGetValue(name, out var earlier) ? Locations.Cover(earlier, location) : location;
            }

            var list = new List<ArgumentLocation>();
            foreach (var entry in merged)
            {
                list.Add(new ArgumentLocation(entry.Key, entry.Value));
            }

            list.Sort((a, b) => a.Location.Start.CompareTo(b.Location.Start));
            return list.ToEquatableArray();
        }

        public int? Int(string name) => _byName.TryGetValue(name, out var e) && e.Value.Value is int i ? i : (int?)null;

        public double? Double(string name) => _byName.TryGetValue(name, out var e) ? e.Value.Value switch
        {
            double d => d,
            float f => f,
            int i => i,
            _ => (double?)null,
        } : null;

        public bool? Bool(string name) => _byName.TryGetValue(name, out var e) && e.Value.Value is bool b ? b : (bool?)null;

        public string? String(string name) => _byName.TryGetValue(name, out var e) ? e.Value.Value as string : null;

        /// <summary>The enum member's name ("Relu") of an enum-typed argument, or null when not written.</summary>
        public string? EnumMember(string name)
        {
            if (!_byName.TryGetValue(name, out var e) || e.Value.Kind != TypedConstantKind.Enum || e.Value.Type is not INamedTypeSymbol type)
            {
                return null;
            }

            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, e.Value.Value))
                {
                    return field.Name;
                }
            }

            // A cast number outside the enum, e.g. (Act)42: report it by value.
            return Convert.ToString(e.Value.Value, CultureInfo.InvariantCulture);
        }

        /// <summary>The values of a string-array argument (nulls dropped); empty when not written.</summary>
        public IReadOnlyList<string> StringArray(string name)
        {
            var list = new List<string>();
            if (_byName.TryGetValue(name, out var e) && e.Value.Kind == TypedConstantKind.Array && !e.Value.IsNull)
            {
                foreach (var item in e.Value.Values)
                {
                    if (item.Value is string text)
                    {
                        list.Add(text);
                    }
                }
            }

            return list;
        }

        /// <summary>The values of an int-array argument (a params array or an array initialiser).</summary>
        public int[]? IntArray(string name)
        {
            if (!_byName.TryGetValue(name, out var e) || e.Value.Kind != TypedConstantKind.Array || e.Value.IsNull)
            {
                return null;
            }

            var values = new int[e.Value.Values.Length];
            for (var i = 0; i < values.Length; i++)
            {
                if (e.Value.Values[i].Value is not int v)
                {
                    return null;
                }

                values[i] = v;
            }

            return values;
        }

        private static string Capitalize(string name) =>
            name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
