using System.Diagnostics;
using System.Globalization;
using DslAe.Build;
using Microsoft.Build.Framework;

namespace DslAe.Tests.BuildLogic;

/// <summary>
/// The libstdc++ compatibility task's own logic (src/DslAe/build/LibStdCxxCompat.cs, compiled into this test assembly
/// as well as by MSBuild at build time), on TorchSharp's real libLibTorchSharp.so and on a copy of it altered so
/// that a relocation uses the symbol the task must then refuse to make optional. binutils' readelf finds the
/// structures to alter, independently of the task's parser.
/// </summary>
public sealed class ElfVersionNeedsTests
{
    private const string Symbol = "_ZSt21ios_base_library_initv";
    private const string Gcc13 = "GLIBCXX_3.4.32";

    private static byte[] Library => File.ReadAllBytes(Original);

    private static string Original => TorchSharpNative.Original;

    /// <summary>A libstdc++ of GCC 12 as the task sees it: every version up to GLIBCXX_3.4.30.</summary>
    private static HashSet<string> Gcc12Versions() =>
        [.. Enumerable.Range(0, 31).Select(i => i == 0 ? "GLIBCXX_3.4" : $"GLIBCXX_3.4.{i}"), .. Enumerable.Range(0, 14).Select(i => i == 0 ? "CXXABI_1.3" : $"CXXABI_1.3.{i}")];

    [Fact]
    public void TorchSharps_library_needs_GLIBCXX_3_4_32_for_one_symbol_that_no_relocation_uses()
    {
        var need = ElfVersionNeeds.Read(Library).Needs.Single(n => n.Version == Gcc13);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal([Symbol], need.Symbols);
        Assert.Empty(need.RelocatedSymbols);
        Assert.False(need.Weak);
    }

    [Fact]
    public void Against_an_older_libstdcxx_only_the_missing_version_is_weakened_and_only_two_bytes_change()
    {
        var original = Library;
        var needs = ElfVersionNeeds.Read(original);
        var plan = needs.PlanWeakening("libstdc++.so.6", Gcc12Versions());
        Assert.Equal([Gcc13], plan.Weakened.Select(n => n.Version));
        Assert.Empty(plan.Refused);

        var patched = needs.WithWeakRequirements(plan.Weakened);
        var changed = Enumerable.Range(0, original.Length).Where(i => original[i] != patched[i]).ToList();
        Assert.Single(changed);                                   // the low byte of one vna_flags
        Assert.Equal(plan.Weakened[0].FlagsOffset, changed[0]);
        Assert.Equal(0x2, patched[changed[0]] & 0x2);             // VER_FLG_WEAK
        // Idempotent: the patched library has nothing left to weaken.
        var again = ElfVersionNeeds.Read(patched);
        Assert.True(again.Needs.Single(n => n.Version == Gcc13).Weak);
        Assert.Empty(again.PlanWeakening("libstdc++.so.6", Gcc12Versions()).Weakened);
        // readelf agrees.
        var copy = Path.Combine(Path.GetTempPath(), $"dslae-weak-{Guid.NewGuid():N}.so");
        try
        {
            File.WriteAllBytes(copy, patched);
            Assert.Contains($"Name: {Gcc13}  Flags: WEAK", ReadElf("-V", copy));
        }
        finally
        {
            File.Delete(copy);
        }
    }

    [Fact]
    public void A_libstdcxx_that_has_the_version_leaves_the_library_alone()
    {
        var plan = ElfVersionNeeds.Read(Library).PlanWeakening("libstdc++.so.6", new HashSet<string>([.. Gcc12Versions(), "GLIBCXX_3.4.31", Gcc13, "CXXABI_1.3.14", "CXXABI_1.3.15"]));
        Assert.Empty(plan.Weakened);
        Assert.Empty(plan.Refused);
    }

    [Fact]
    public void A_missing_version_that_a_relocation_uses_is_refused_naming_the_symbol()
    {
        var altered = WithRelocationOf(Symbol);
        var need = ElfVersionNeeds.Read(altered).Needs.Single(n => n.Version == Gcc13);
        Assert.Equal([Symbol], need.RelocatedSymbols);

        var plan = ElfVersionNeeds.Read(altered).PlanWeakening("libstdc++.so.6", Gcc12Versions());
        Assert.Equal([Gcc13], plan.Refused.Select(n => n.Version));
        Assert.DoesNotContain(plan.Weakened, n => n.Version == Gcc13);
        // In "always" mode (no libstdc++ to compare with) a version in use is left strong, not refused.
        var always = ElfVersionNeeds.Read(altered).PlanWeakening("libstdc++.so.6", available: null);
        Assert.Empty(always.Refused);
        Assert.DoesNotContain(always.Weakened, n => n.Version == Gcc13);
    }

    [Fact]
    public void The_task_writes_its_copy_once_and_refuses_a_library_it_cannot_fix_with_an_error_naming_the_symbol()
    {
        var folder = Directory.CreateTempSubdirectory("dslae-task-").FullName;
        try
        {
            var engine = new RecordingEngine();
            var task = new DslAeWeakenLibStdCxxVersions { BuildEngine = engine, Library = Original, OutputDirectory = Path.Combine(folder, "out"), Mode = "always" };
            Assert.True(task.Execute(), string.Join("\n", engine.Errors));
            Assert.Equal(Path.Combine(folder, "out", "libLibTorchSharp.so"), task.PatchedLibrary);
            var written = File.GetLastWriteTimeUtc(task.PatchedLibrary);
            Assert.Contains(engine.Messages, m => m.Contains("marked optional", StringComparison.Ordinal));
            Thread.Sleep(20);
            Assert.True(task.Execute());
            Assert.Equal(written, File.GetLastWriteTimeUtc(task.PatchedLibrary));   // unchanged bytes are not rewritten

            var broken = Path.Combine(folder, "libLibTorchSharp.so");
            File.WriteAllBytes(broken, WithRelocationOf(Symbol));
            var refusing = new DslAeWeakenLibStdCxxVersions { BuildEngine = engine, Library = broken, OutputDirectory = Path.Combine(folder, "out2"), Mode = "auto" };
            var systemHasIt = File.ReadAllBytes(SystemLibStdCxx.Find()!).AsSpan().IndexOf("GLIBCXX_3.4.32\0"u8) >= 0;
            Assert.Equal(systemHasIt, refusing.Execute());
            if (!systemHasIt) Assert.Contains(engine.Errors, e => e.Contains(Symbol, StringComparison.Ordinal) && e.Contains("GCC 13", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void A_file_that_is_not_elf_is_an_error_not_a_crash()
    {
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read("not an ELF file at all, just text"u8.ToArray()));
        var truncated = Library[..4096];
        Assert.Throws<InvalidDataException>(() => ElfVersionNeeds.Read(truncated));
    }

    /// <summary>
    /// The library with its first PLT relocation pointed at <paramref name="symbol"/>: as if the code called it.
    /// The symbol's index comes from readelf's dynamic symbol table, the relocation section's offset from its section headers.
    /// </summary>
    private static byte[] WithRelocationOf(string symbol)
    {
        var index = ReadElf("--dyn-syms", Original).Split('\n')
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(columns => columns.Length >= 8 && columns.Any(c => c.StartsWith(symbol + "@", StringComparison.Ordinal)))[0].TrimEnd(':');
        var section = ReadElf("-S", Original).Split('\n')
            .Select(line => line.Replace("[ ", "[", StringComparison.Ordinal).Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .First(columns => columns.Length > 4 && columns[1] == ".rela.plt");
        var offset = long.Parse(section[4], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var bytes = Library;
        // Elf64_Rela: r_offset (8), r_info (8: type in the low 32 bits, symbol index in the high 32), r_addend (8).
        BitConverter.GetBytes(uint.Parse(index, CultureInfo.InvariantCulture)).CopyTo(bytes, offset + 12);
        return bytes;
    }

    private static string ReadElf(string option, string path)
    {
        var info = new ProcessStartInfo("readelf", [option, "-W", path]) { RedirectStandardOutput = true, UseShellExecute = false };
        info.Environment["LC_ALL"] = "C";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
        return output;
    }

    /// <summary>Just enough of MSBuild's engine to run a task outside a build.</summary>
    private sealed class RecordingEngine : IBuildEngine
    {
        public List<string> Errors { get; } = [];
        public List<string> Messages { get; } = [];
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "test";
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e.Message ?? "");
        public void LogWarningEvent(BuildWarningEventArgs e) => Messages.Add(e.Message ?? "");
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? "");
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public bool BuildProjectFile(string projectFileName, string[] targetNames, System.Collections.IDictionary globalProperties, System.Collections.IDictionary targetOutputs) => false;
    }
}
