using System;

namespace DslAe.Model
{
    /// <summary>
    /// Base of every IR element that a user writes: its own location plus the locations of its named
    /// arguments, so a diagnostic can point at the exact attribute argument or YAML key at fault.
    /// </summary>
    public abstract record SpecElement
    {
        /// <summary>Where the element as a whole is written (the attribute, the YAML mapping).</summary>
        public SourceLocation Location { get; init; } = SourceLocation.None;

        /// <summary>Locations of the arguments the user wrote; names from <see cref="ArgumentNames"/>.</summary>
        public EquatableArray<ArgumentLocation> ArgumentLocations { get; init; }

        /// <summary>
        /// Location of the named argument when the user wrote it, else the element's own location
        /// (a defaulted argument has no text of its own to point at).
        /// </summary>
        public SourceLocation LocationOf(string argument)
        {
            foreach (var candidate in ArgumentLocations)
            {
                if (string.Equals(candidate.Argument, argument, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate.Location;
                }
            }

            return Location;
        }
    }
}
