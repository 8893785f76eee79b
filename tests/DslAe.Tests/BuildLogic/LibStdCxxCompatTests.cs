using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using static TorchSharp.torch;

namespace DslAe.Tests.BuildLogic;

/// <summary>
/// The build step of src/DslAe/build/LibStdCxxCompat.cs (an MSBuild task compiled at build time, part of no
/// assembly), checked through what it leaves in this test's own output folder: TorchSharp's libLibTorchSharp.so
/// needs libstdc++'s GLIBCXX_3.4.32 for one symbol it never calls, and on a system whose libstdc++ lacks that version
/// the copy here must have exactly that requirement marked weak (VER_FLG_WEAK, 0x2) and nothing else changed. Where
/// the system's libstdc++ has it, the copy must be the package's file, byte for byte. binutils' readelf reads the
/// ELF structures independently of the task's own parser.
/// </summary>
public sealed partial class LibStdCxxCompatTests
{
    private const string Version = "GLIBCXX_3.4.32";
    private const string SystemLibStdCxx = "/usr/lib/x86_64-linux-gnu/libstdc++.so.6";

    private static string OutputCopy => TorchSharpNative.OutputCopy;

    private static string Original => TorchSharpNative.Original;

    private static bool SystemDefines(string version) =>
        Regex.IsMatch(ReadElfVersions(SystemLibStdCxx).Split("Version needs section")[0], $@"Name: {Regex.Escape(version)}\s*$", RegexOptions.Multiline);

    [Fact]
    public void The_output_copy_has_GLIBCXX_3_4_32_weak_exactly_when_the_systems_libstdcxx_lacks_it()
    {
        Assert.True(File.Exists(OutputCopy), $"{OutputCopy} is missing");
        Assert.True(File.Exists(Original), $"{Original} is missing (is the TorchSharp package restored?)");
        var copy = VersionNeeds(OutputCopy);
        var original = VersionNeeds(Original);
        Assert.Equal(original.Needs.Select(n => (n.File, n.Name)), copy.Needs.Select(n => (n.File, n.Name)));
        Assert.Equal("none", original.Needs.Single(n => n.Name == Version).Flags);   // what makes the package's file fail to load here

        if (SystemDefines(Version))
        {
            Assert.True(File.ReadAllBytes(Original).AsSpan().SequenceEqual(File.ReadAllBytes(OutputCopy)),
                $"{SystemLibStdCxx} defines {Version}, so the output copy should be the package's file unchanged");
            return;
        }
        var need = copy.Needs.Single(n => n.Name == Version);
        Assert.Equal("libstdc++.so.6", need.File);
        Assert.Equal("WEAK", need.Flags);
        // Every other requirement is as the package has it: only what this machine lacks is weakened.
        foreach (var (mine, theirs) in copy.Needs.Zip(original.Needs).Where(p => p.First.Name != Version))
            Assert.True(mine.Flags == theirs.Flags, $"{mine.Name}: flags {mine.Flags}, the package has {theirs.Flags}");
    }

    [Fact]
    public void The_only_bytes_that_differ_from_the_package_are_one_vna_flags_field()
    {
        var copyBytes = File.ReadAllBytes(OutputCopy);
        var originalBytes = File.ReadAllBytes(Original);
        Assert.Equal(originalBytes.Length, copyBytes.Length);
        var differing = Enumerable.Range(0, copyBytes.Length).Where(i => copyBytes[i] != originalBytes[i]).ToList();
        if (SystemDefines(Version))
        {
            Assert.Empty(differing);
            return;
        }

        // Elf64_Vernaux is {u32 vna_hash, u16 vna_flags, u16 vna_other, u32 vna_name, u32 vna_next}: its flags sit 4
        // bytes into the entry, at the entry's offset within .gnu.version_r (file offset from readelf).
        var needs = VersionNeeds(Original);
        var flagsAt = needs.SectionOffset + needs.Needs.Single(n => n.Name == Version).EntryOffset + 4;
        Assert.NotEmpty(differing);
        Assert.True(differing.All(i => i == flagsAt || i == flagsAt + 1),
            $"bytes differ at {string.Join(", ", differing.Take(10).Select(i => $"0x{i:x}"))}; only the 2-byte vna_flags at 0x{flagsAt:x} may");
        var before = BitConverter.ToUInt16(originalBytes, (int)flagsAt);
        var after = BitConverter.ToUInt16(copyBytes, (int)flagsAt);
        Assert.Equal(before | 0x2, after);
    }

    [Fact]
    public void TorchSharp_loaded_the_output_copy_itself_not_a_fallback_copy()
    {
        // TorchSharp's loader copies ~500 MB of natives into a cpu/ folder and loads those when its first attempt fails;
        // the patched copy is there so that the first attempt succeeds.
        using (var probe = zeros(1)) Assert.Equal(1, probe.numel());
        var mapped = File.ReadLines("/proc/self/maps").Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6)
            .Select(f => f[5]).Where(p => p.EndsWith("/libLibTorchSharp.so", StringComparison.Ordinal)).Distinct().ToList();
        Assert.Equal([Path.GetFullPath(OutputCopy)], mapped);
    }

    private sealed record VersionNeed(string File, string Name, string Flags, long EntryOffset);

    private static (long SectionOffset, List<VersionNeed> Needs) VersionNeeds(string library)
    {
        var text = ReadElfVersions(library);
        var section = text[text.IndexOf("Version needs section", StringComparison.Ordinal)..];
        var offset = long.Parse(OffsetLine().Match(section).Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var needs = new List<VersionNeed>();
        var file = "";
        foreach (var line in section.Split('\n').Skip(2))
        {
            if (FileLine().Match(line) is { Success: true } f) file = f.Groups[1].Value;
            else if (NameLine().Match(line) is { Success: true } n)
                needs.Add(new VersionNeed(file, n.Groups[2].Value, n.Groups[3].Value.Trim(),
                    long.Parse(n.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
            else if (line.Trim().Length == 0) break;
        }
        Assert.NotEmpty(needs);
        return (offset, needs);
    }

    private static string ReadElfVersions(string path)
    {
        var info = new ProcessStartInfo("readelf", ["-V", "-W", path]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.Environment["LC_ALL"] = "C";
        using var p = Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd();
        var error = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, $"readelf -V {path} failed: {error}");
        return output;
    }

    [GeneratedRegex(@"Offset: 0x([0-9a-fA-F]+)")]
    private static partial Regex OffsetLine();

    [GeneratedRegex(@"^\s*(?:0x)?[0-9a-fA-F]+: Version: \d+\s+File: (\S+)")]
    private static partial Regex FileLine();

    [GeneratedRegex(@"^\s*0x([0-9a-fA-F]+):\s+Name: (\S+)\s+Flags: (.*?)\s+Version: \d+")]
    private static partial Regex NameLine();
}
