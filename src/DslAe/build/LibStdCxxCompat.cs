// The MSBuild task behind DslAe.targets' libstdc++ compatibility step, compiled by RoslynCodeTaskFactory at build
// time (so it is plain C# against netstandard: no Span, no BinaryPrimitives). The test project compiles this file
// too (tests/DslAe.Tests/BuildLogic) and drives ElfVersionNeeds and the task directly.
//
// Why: TorchSharp 0.107's libLibTorchSharp.so is built with GCC 13, whose <iostream> pins the newer libstdc++ with an
// undefined reference to std::ios_base_library_init() at version GLIBCXX_3.4.32. Nothing calls or relocates that
// symbol (libtorch initialises the streams itself), but the dynamic loader refuses the whole library on any system
// whose libstdc++ predates GCC 13 (Debian 12, Ubuntu 22.04, RHEL 9). Marking that one version requirement weak
// (VER_FLG_WEAK in .gnu.version_r) makes the loader skip the check; symbols still bind normally wherever they exist.
#nullable enable
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Build.Framework;


namespace DslAe.Build
{
    /// <summary>
    /// Writes a copy of a native library whose libstdc++ version requirements that this machine's libstdc++ lacks
    /// (Mode "auto"), or all unused ones (Mode "always"), are marked weak; refuses when a relocation uses such a
    /// version. Output: the path to load (the copy, or the input when nothing needed changing).
    /// </summary>
    public sealed class DslAeWeakenLibStdCxxVersions : Microsoft.Build.Utilities.Task
    {
        [Required] public string Library { get; set; } = "";
        [Required] public string OutputDirectory { get; set; } = "";
        /// <summary>auto: only versions this machine's libstdc++ lacks; always: every version no relocation uses (for publishing to older systems).</summary>
        public string Mode { get; set; } = "auto";
        [Output] public string PatchedLibrary { get; set; } = "";

        public override bool Execute()
        {
            PatchedLibrary = Library;
            try
            {
                var image = File.ReadAllBytes(Library);
                var needs = ElfVersionNeeds.Read(image);
                HashSet<string>? available = null;
                if (!string.Equals(Mode, "always", StringComparison.OrdinalIgnoreCase))
                {
                    var systemLibrary = SystemLibStdCxx.Find();
                    if (systemLibrary is null)
                    {
                        Log.LogWarning("DslAe: no libstdc++.so.6 found in the library path, so TorchSharp's native library is left as it is; if it fails to load with 'GLIBCXX_... not found', install libstdc++6 or set <DslAeLibStdCxxCompat>always</DslAeLibStdCxxCompat>.");
                        return true;
                    }
                    available = ElfVersionNeeds.DefinedVersions(File.ReadAllBytes(systemLibrary));
                }

                var plan = needs.PlanWeakening("libstdc++.so.6", available);
                if (plan.Refused.Count > 0)
                {
                    Log.LogError($"DslAe: {Path.GetFileName(Library)} needs {string.Join(", ", plan.Refused.Select(r => $"{r.Version} (used by {string.Join(", ", r.RelocatedSymbols)})"))} from libstdc++, which this machine's libstdc++ lacks, and the code really calls it, so it cannot be marked optional. Install a libstdc++ from GCC 13 or newer (for example the libstdc++6 of a newer distribution release), or use a TorchSharp build made for this system.");
                    return false;
                }
                if (plan.Weakened.Count == 0) return true;

                var patched = needs.WithWeakRequirements(plan.Weakened);
                Directory.CreateDirectory(OutputDirectory);
                var target = Path.Combine(OutputDirectory, Path.GetFileName(Library));
                var unchanged = File.Exists(target) && File.ReadAllBytes(target).SequenceEqual(patched);
                if (!unchanged) File.WriteAllBytes(target, patched);
                PatchedLibrary = target;
                var versions = string.Join(", ", plan.Weakened.Select(w => w.Version));
                var symbols = string.Join(", ", plan.Weakened.SelectMany(w => w.Symbols).Distinct());
                var why = available is null
                    ? $"DslAe: DslAeLibStdCxxCompat=always: {Path.GetFileName(Library)}'s libstdc++ requirements that no code uses ({versions}) are marked optional in the copy the build uses: {target}"
                    : $"DslAe: this system's libstdc++ lacks {versions}, which {Path.GetFileName(Library)} requires only for {symbols} (never called); the build uses a copy with that requirement marked optional: {target}";
                Log.LogMessage(unchanged ? MessageImportance.Normal : MessageImportance.High, why);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Log.LogError($"DslAe: cannot prepare TorchSharp's native library {Library} for this system's libstdc++: {e.Message}. Set <DslAeLibStdCxxCompat>off</DslAeLibStdCxxCompat> to skip this step.");
                return false;
            }
        }
    }

    /// <summary>Where the dynamic loader would find libstdc++.so.6: LD_LIBRARY_PATH first, then the usual system folders.</summary>
    public static class SystemLibStdCxx
    {
        public static string? Find()
        {
            var triplet = RuntimeInformation.OSArchitecture switch
            {
                Architecture.X64 => "x86_64-linux-gnu",
                Architecture.Arm64 => "aarch64-linux-gnu",
                _ => "",
            };
            var folders = (Environment.GetEnvironmentVariable("LD_LIBRARY_PATH") ?? "")
                .Split(new[] { ':' }, StringSplitOptions.RemoveEmptyEntries)
                .Concat(new[] { $"/lib/{triplet}", $"/usr/lib/{triplet}", "/lib64", "/usr/lib64", "/lib", "/usr/lib" });
            return folders.Select(f => Path.Combine(f, "libstdc++.so.6")).FirstOrDefault(File.Exists);
        }
    }

    /// <summary>One version requirement (a vernaux entry) of a needed library.</summary>
    public sealed class VersionNeed
    {
        public VersionNeed(string file, string version, ushort index, bool weak, long flagsOffset, IReadOnlyList<string> symbols, IReadOnlyList<string> relocatedSymbols)
        {
            (File, Version, Index, Weak, FlagsOffset, Symbols, RelocatedSymbols) = (file, version, index, weak, flagsOffset, symbols, relocatedSymbols);
        }

        public string File { get; }
        public string Version { get; }
        /// <summary>The version index (vna_other) that .gnu.version gives the symbols of this version.</summary>
        public ushort Index { get; }
        public bool Weak { get; }
        /// <summary>File offset of vna_flags.</summary>
        public long FlagsOffset { get; }
        /// <summary>Dynamic symbols carrying this version.</summary>
        public IReadOnlyList<string> Symbols { get; }
        /// <summary>Those of <see cref="Symbols"/> that a relocation refers to: the code really uses them.</summary>
        public IReadOnlyList<string> RelocatedSymbols { get; }
    }

    /// <summary>Which requirements may become weak, and which are missing but in use.</summary>
    public sealed class WeakeningPlan
    {
        public WeakeningPlan(IReadOnlyList<VersionNeed> weakened, IReadOnlyList<VersionNeed> refused) => (Weakened, Refused) = (weakened, refused);

        public IReadOnlyList<VersionNeed> Weakened { get; }
        public IReadOnlyList<VersionNeed> Refused { get; }
    }

    /// <summary>
    /// The version requirements (.gnu.version_r) of a 64-bit little-endian ELF shared library, with the dynamic
    /// symbols of each version and whether any relocation (.rela.dyn, .rela.plt) refers to them.
    /// </summary>
    public sealed class ElfVersionNeeds
    {
        private const uint ShtRela = 4, ShtRel = 9, ShtDynsym = 11;
        private const uint ShtGnuVerdef = 0x6ffffffd, ShtGnuVerneed = 0x6ffffffe, ShtGnuVersym = 0x6fffffff;
        private const ushort VerFlgWeak = 0x2;

        private readonly byte[] image;

        private ElfVersionNeeds(byte[] image, IReadOnlyList<VersionNeed> needs)
        {
            this.image = image;
            Needs = needs;
        }

        public IReadOnlyList<VersionNeed> Needs { get; }

        public static ElfVersionNeeds Read(byte[] image)
        {
            var elf = new Elf(image);
            var verneed = elf.Sections.FirstOrDefault(s => s.Type == ShtGnuVerneed);
            if (verneed is null) return new ElfVersionNeeds(image, Array.Empty<VersionNeed>());
            var dynsymIndex = elf.Sections.FindIndex(s => s.Type == ShtDynsym);
            if (dynsymIndex < 0) throw new InvalidDataException("the library has version requirements but no dynamic symbol table");
            var dynsym = elf.Sections[dynsymIndex];
            var versym = elf.Sections.FirstOrDefault(s => s.Type == ShtGnuVersym)
                ?? throw new InvalidDataException("the library has version requirements but no .gnu.version section");
            var symbolCount = (int)(dynsym.Size / 24);
            var symbolNames = new string[symbolCount];
            var symbolVersions = new ushort[symbolCount];
            for (var i = 0; i < symbolCount; i++)
            {
                symbolNames[i] = elf.String(elf.Sections[(int)dynsym.Link], elf.U32(dynsym.Offset + i * 24L));
                symbolVersions[i] = (ushort)(elf.U16(versym.Offset + i * 2L) & 0x7fff);
            }
            var relocated = new HashSet<int>();
            foreach (var rel in elf.Sections.Where(s => (s.Type == ShtRela || s.Type == ShtRel) && s.Link == dynsymIndex))
            {
                var entry = rel.Type == ShtRela ? 24L : 16L;
                for (long at = rel.Offset; at + entry <= rel.Offset + rel.Size; at += entry)
                    relocated.Add((int)(elf.U64(at + 8) >> 32));
            }

            var needs = new List<VersionNeed>();
            var strings = elf.Sections[(int)verneed.Link];
            long need = verneed.Offset;
            for (var n = 0; n < verneed.Info; n++)
            {
                var file = elf.String(strings, elf.U32(need + 4));
                var count = elf.U16(need + 2);
                long aux = need + elf.U32(need + 8);
                for (var a = 0; a < count; a++)
                {
                    var flags = elf.U16(aux + 4);
                    var index = elf.U16(aux + 6);
                    var version = elf.String(strings, elf.U32(aux + 8));
                    var symbols = Enumerable.Range(0, symbolCount).Where(i => symbolVersions[i] == index).ToList();
                    needs.Add(new VersionNeed(file, version, index, (flags & VerFlgWeak) != 0, aux + 4,
                        symbols.Select(i => symbolNames[i]).ToList(), symbols.Where(relocated.Contains).Select(i => symbolNames[i]).ToList()));
                    aux += elf.U32(aux + 12);
                }
                need += elf.U32(need + 12);
            }
            return new ElfVersionNeeds(image, needs);
        }

        /// <summary>The version names a library defines (.gnu.version_d), e.g. GLIBCXX_3.4.30 for the system libstdc++.</summary>
        public static HashSet<string> DefinedVersions(byte[] library)
        {
            var elf = new Elf(library);
            var names = new HashSet<string>(StringComparer.Ordinal);
            var verdef = elf.Sections.FirstOrDefault(s => s.Type == ShtGnuVerdef);
            if (verdef is null) return names;
            var strings = elf.Sections[(int)verdef.Link];
            long def = verdef.Offset;
            for (var i = 0; i < verdef.Info; i++)
            {
                names.Add(elf.String(strings, elf.U32(def + elf.U32(def + 12))));
                def += elf.U32(def + 16);
            }
            return names;
        }

        /// <summary>
        /// The requirements on <paramref name="file"/> to mark weak: those not yet weak that <paramref name="available"/>
        /// lacks (null: every one), unless a relocation uses one of their symbols, which is refused instead.
        /// </summary>
        public WeakeningPlan PlanWeakening(string file, ISet<string>? available)
        {
            var candidates = Needs.Where(n => n.File == file && !n.Weak && (available is null || !available.Contains(n.Version))).ToList();
            var weakened = candidates.Where(n => n.RelocatedSymbols.Count == 0).ToList();
            // With available null ("always"), a version in use is simply left strong: only a missing one in use is an error.
            var refused = available is null ? new List<VersionNeed>() : candidates.Where(n => n.RelocatedSymbols.Count > 0).ToList();
            return new WeakeningPlan(weakened, refused);
        }

        /// <summary>A copy of the library with the requirements of <paramref name="weakened"/> marked weak.</summary>
        public byte[] WithWeakRequirements(IEnumerable<VersionNeed> weakened)
        {
            var copy = (byte[])image.Clone();
            foreach (var need in weakened)
            {
                var flags = (ushort)(BitConverter.ToUInt16(copy, (int)need.FlagsOffset) | VerFlgWeak);
                copy[need.FlagsOffset] = (byte)flags;
                copy[need.FlagsOffset + 1] = (byte)(flags >> 8);
            }
            return copy;
        }

        /// <summary>Just enough of ELF64 (little-endian): section headers and string tables, read with bounds checks.</summary>
        private sealed class Elf
        {
            private readonly byte[] data;

            public Elf(byte[] data)
            {
                this.data = data;
                if (data.Length < 64 || data[0] != 0x7f || data[1] != (byte)'E' || data[2] != (byte)'L' || data[3] != (byte)'F')
                    throw new InvalidDataException("not an ELF file");
                if (data[4] != 2 || data[5] != 1) throw new InvalidDataException("not a 64-bit little-endian ELF file");
                if (!BitConverter.IsLittleEndian) throw new InvalidDataException("reading ELF needs a little-endian build machine");
                var sectionOffset = (long)U64(0x28);
                var entrySize = U16(0x3a);
                var count = U16(0x3c);
                if (entrySize < 64) throw new InvalidDataException("malformed ELF section header table");
                for (var i = 0; i < count; i++)
                {
                    var at = sectionOffset + (long)i * entrySize;
                    Sections.Add(new Section(U32(at + 4), (long)U64(at + 24), (long)U64(at + 32), U32(at + 40), U32(at + 44)));
                }
                foreach (var s in Sections.Where(s => s.Type != 8 /* SHT_NOBITS */))
                    if (s.Offset < 0 || s.Size < 0 || s.Offset + s.Size > data.Length) throw new InvalidDataException("an ELF section lies outside the file");
            }

            public List<Section> Sections { get; } = new List<Section>();

            public ushort U16(long at) { Check(at, 2); return BitConverter.ToUInt16(data, (int)at); }
            public uint U32(long at) { Check(at, 4); return BitConverter.ToUInt32(data, (int)at); }
            public ulong U64(long at) { Check(at, 8); return BitConverter.ToUInt64(data, (int)at); }

            public string String(Section table, uint offset)
            {
                var start = table.Offset + offset;
                Check(start, 1);
                var end = start;
                while (end < table.Offset + table.Size && data[end] != 0) end++;
                return Encoding.ASCII.GetString(data, (int)start, (int)(end - start));
            }

            private void Check(long at, int length)
            {
                if (at < 0 || at + length > data.Length) throw new InvalidDataException("an ELF structure points outside the file");
            }
        }

        private sealed class Section
        {
            public Section(uint type, long offset, long size, uint link, uint info) => (Type, Offset, Size, Link, Info) = (type, offset, size, link, info);
            public uint Type { get; }
            public long Offset { get; }
            public long Size { get; }
            public uint Link { get; }
            public uint Info { get; }
        }
    }
}
