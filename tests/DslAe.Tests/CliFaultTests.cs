using System.Diagnostics;
using System.IO.Compression;
using DslAe.Cli;
using DslAe.Data;
using DslAe.Reports;
using DslAe.Serialization;
using DslAe.Training;

namespace DslAe.Tests;

/// <summary>
/// Faults of the machine and hostile inputs (issue 15): each ends in one <c>error:</c> line naming the file and the
/// fix, exit code 1, with nothing lost; and one run per folder.
/// </summary>
public class CliFaultTests
{
    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DslAeApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Exit code 1 and exactly one line, <c>error: …</c>, with no stack trace.</summary>
    private static string OneErrorLine(int code, string error)
    {
        Assert.True(code == 1, $"exit code {code}: {error}");
        var lines = error.Trim().Split('\n');
        Assert.True(lines.Length == 1, error);
        Assert.StartsWith("error: ", lines[0]);
        Assert.DoesNotContain("   at ", error);
        return lines[0];
    }

    // ---- A: every I/O fault is one line, exit 1 ----

    [Fact]
    public async Task Train_into_a_folder_that_cannot_be_written_fails_in_one_line_before_any_data_loads()
    {
        using var folder = new TempFolder();
        var file = folder.File("a-file");
        File.WriteAllText(file, "not a folder");
        // The data does not exist: an error about it would mean the folder was checked too late.
        var (code, output, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--data", "/nonexistent/data", "--out", Path.Combine(file, "run"));
        var line = OneErrorLine(code, error);
        Assert.Contains("cannot be written", line);
        Assert.Contains($"{file} is a file, not a folder", line);
        Assert.DoesNotContain("/nonexistent/data", output + error);

        // A folder without write permission. Root writes through chmod 555, so only an unprivileged run can test it.
        if (!OperatingSystem.IsWindows() && !Environment.IsPrivilegedProcess)
        {
            var readOnly = folder.File("read-only");
            Directory.CreateDirectory(readOnly);
            File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            try
            {
                (code, _, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--data", "/nonexistent/data", "--out", Path.Combine(readOnly, "run"));
                line = OneErrorLine(code, error);
                Assert.Contains(Path.Combine(readOnly, "run"), line);
                Assert.Contains("cannot be written (permission denied)", line);
            }
            finally
            {
                File.SetUnixFileMode(readOnly, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        // /proc refuses new files with ENOENT, which .NET words as "Could not find file".
        if (Directory.Exists("/proc/self"))
        {
            (code, _, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--data", "/nonexistent/data", "--out", "/proc");
            line = OneErrorLine(code, error);
            Assert.Contains("/proc: the folder cannot be written", line);
            Assert.DoesNotContain("Could not find file", line);
        }
    }

    [Fact]
    public async Task Train_out_naming_a_file_says_it_is_a_file()
    {
        using var folder = new TempFolder();
        var file = folder.File("a-file");
        File.WriteAllText(file, "x");
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--data", "/nonexistent/data", "--out", file);
        Assert.Contains($"--out {file} is a file", OneErrorLine(code, error));
    }

    [Theory]
    [InlineData("export")]
    [InlineData("reconstruct")]
    public async Task Out_naming_a_folder_is_one_line_naming_it_before_anything_loads(string command)
    {
        using var folder = new TempFolder();
        // No weights exist: the --out check must come first.
        var (code, _, error) = await Run(command, "--model", "TinyAe", "--checkpoint", "/nonexistent/run", "--out", folder.Path);
        var line = OneErrorLine(code, error);
        Assert.Contains($"--out {folder.Path} is a folder", line);
        Assert.Contains("pass a file name", line);
    }

    [Fact]
    public async Task A_checkpoint_whose_state_json_is_broken_is_one_line_naming_it()
    {
        using var folder = new TempFolder();
        var run = new RunFolder(folder.File("run"));
        run.Create();
        Safetensors.Save(run.LastCheckpoint, [], new Dictionary<string, string>
        {
            [Checkpoint.FormatKey] = Checkpoint.FormatValue,
            ["dslae.state"] = "{\"Model\": \"TinyAe\", \"Seed\": ",
        });
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--resume", run.Path);
        var line = OneErrorLine(code, error);
        Assert.Contains(run.LastCheckpoint, line);
        Assert.Contains("not valid JSON", line);
    }

    [Fact]
    public async Task A_full_disk_during_training_keeps_the_last_checkpoint_and_says_how_to_resume()
    {
        using var folder = new TempFolder();
        var disk = folder.File("disk");
        Directory.CreateDirectory(disk);
        // A real ENOSPC needs a small file system: a tmpfs, which only root with CAP_SYS_ADMIN may mount. Elsewhere
        // this test has nothing to fill and ends here; the atomic save it checks is also covered by SafetensorsTests.
        if (!Environment.IsPrivilegedProcess || !Shell("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", disk)) return;
        try
        {
            var data = folder.File("fashion");
            SmallFashionMnist.Write(data, train: 400, test: 100);
            var run = Path.Combine(disk, "run");
            var (output, error) = (new StringWriter(), new StringWriter());
            var training = Task.Run(() => DslAeApp.RunAsync(["train", "--model", "TinyAe", "--data", data, "--epochs", "500", "--out", run, "--device", "cpu"], output, error));
            var checkpoint = new RunFolder(run).LastCheckpoint;
            while (!File.Exists(checkpoint) && !training.IsCompleted) await Task.Delay(20);
            // Fill the disk: the next save (or log line) fails with "No space left on device".
            try
            {
                using var filler = File.Create(Path.Combine(disk, "filler"));
                var block = new byte[64 << 10];
                while (true) filler.Write(block);
            }
            catch (IOException)
            {
            }
            var code = await training.WaitAsync(TimeSpan.FromMinutes(2));

            var line = OneErrorLine(code, error.ToString());
            Assert.Contains("No space left on device", line);
            Assert.Contains($"--resume {run}", line);
            // The previous checkpoint is whole, and no temporary file is left beside it.
            Assert.Equal("TinyAe", Checkpoint.ReadState(checkpoint).Model);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(checkpoint)!, "*.tmp"));
        }
        finally
        {
            Shell("umount", disk);
        }
    }

    private static bool Shell(string program, params string[] args)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    // ---- B: inputs are bounded before allocation ----

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_idx_header_whose_sizes_overflow_is_refused_naming_the_file(bool gzip)
    {
        using var folder = new TempFolder();
        var path = folder.File(gzip ? "images.gz" : "images");
        var content = IdxHeader(int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue);
        Write(path, content, gzip);
        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadUnsignedBytes(path));
        Assert.Equal(path, e.FilePath);
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("more than any file holds", e.Message);
    }

    [Fact]
    public void A_gzip_idx_header_claiming_more_images_than_it_holds_allocates_nothing()
    {
        using var folder = new TempFolder();
        var path = folder.File("train-images-idx3-ubyte.gz");
        // 1,000,000 images of 28x28 declared (784 MB), none present: a few hundred bytes of file.
        Write(path, IdxHeader(1_000_000, 28, 28), gzip: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => FashionMnist.LoadImages(path, [1, 28, 28], "TinyAe"));
        Assert.Contains("truncated", e.Message);
        Assert.Equal(path, e.FilePath);
        // The declared size is compared with what decompresses, not allocated up front... except the array itself,
        // which must not be allocated either when the model cannot take the images:
        var wrongSize = folder.File("other.gz");
        Write(wrongSize, IdxHeader(1_000_000, 32, 32), gzip: true);
        before = GC.GetAllocatedBytesForCurrentThread();
        e = Assert.Throws<DataFileException>(() => FashionMnist.LoadImages(wrongSize, [1, 28, 28], "TinyAe"));
        Assert.Contains("TinyAe takes 1x28x28", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20, "the declared 1 GB were allocated before the shape was checked");
    }

    [Fact]
    public void An_uncompressed_idx_header_claiming_more_than_the_file_length_allocates_nothing()
    {
        using var folder = new TempFolder();
        var path = folder.File("images");
        Write(path, IdxHeader(1_000_000, 28, 28).Concat(new byte[100]).ToArray(), gzip: false);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => IdxFile.ReadUnsignedBytes(path));
        Assert.Contains("1000000x28x28 = 784000000 bytes of data but the file holds 100", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);
    }

    [Theory]
    [InlineData("huge.png")]
    [InlineData("huge.jpg")]
    public async Task An_image_header_claiming_a_huge_image_is_refused_before_decoding(string name)
    {
        using var folder = new TempFolder();
        var images = folder.File("images");
        Directory.CreateDirectory(images);
        var path = Path.Combine(images, name);
        var (width, height) = name.EndsWith(".png", StringComparison.Ordinal) ? (100_000, 100_000) : (40_000, 40_000);
        WriteHugeImageHeader(path, width, height);
        Assert.True(new FileInfo(path).Length < 2000);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<DataFileException>(() => ImageFile.Read(path, 1));
        Assert.Equal(path, e.FilePath);
        Assert.Contains($"{width}x{height}", e.Message);
        e = Assert.Throws<DataFileException>(() => ImageFolder.Load(images, [1, 28, 28]));
        Assert.Contains("wrong dimensions", e.Message);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 16 << 20);

        var (code, _, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--data", images, "--out", folder.File("run"));
        Assert.Contains(path, OneErrorLine(code, error));
    }

    // A real 8x8 image whose header is rewritten to claim width x height (the PNG's IHDR CRC recomputed).
    private static void WriteHugeImageHeader(string path, int width, int height)
    {
        var png = path.EndsWith(".png", StringComparison.Ordinal);
        var small = new ImagePixels(8, 8, 1, new byte[64]);
        if (png) ImageFile.WritePng(path, small);
        else ImageFile.WriteJpeg(path, small);
        var bytes = File.ReadAllBytes(path);
        if (png)
        {
            // Signature (8), IHDR length (4), "IHDR" (4), width, height, ...; the CRC covers "IHDR" and its 13 bytes.
            BigEndian(bytes, 16, width);
            BigEndian(bytes, 20, height);
            BigEndian(bytes, 29, (int)Crc32(bytes.AsSpan(12, 17)));
        }
        else
        {
            // SOFn marker (FF C0..C2), length (2), precision (1), height (2), width (2).
            var sof = Enumerable.Range(2, bytes.Length - 10).First(i => bytes[i] == 0xFF && bytes[i + 1] is 0xC0 or 0xC1 or 0xC2);
            (bytes[sof + 5], bytes[sof + 6], bytes[sof + 7], bytes[sof + 8]) = ((byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width);
        }
        File.WriteAllBytes(path, bytes);
    }

    private static void BigEndian(byte[] bytes, int at, int value) =>
        (bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]) = ((byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value);

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] IdxHeader(params int[] dims) =>
        new byte[] { 0, 0, 0x08, (byte)dims.Length }.Concat(dims.SelectMany(d => new[] { (byte)(d >> 24), (byte)(d >> 16), (byte)(d >> 8), (byte)d })).ToArray();

    private static void Write(string path, byte[] content, bool gzip)
    {
        using var file = File.Create(path);
        if (!gzip)
        {
            file.Write(content);
            return;
        }
        using var stream = new GZipStream(file, CompressionLevel.Fastest);
        stream.Write(content);
    }

    // ---- C: small ones ----

    [Theory]
    [InlineData("--epochs", "abc", "--epochs takes an integer; got 'abc'")]
    [InlineData("--seed", "1.5", "--seed takes an integer; got '1.5'")]
    [InlineData("--lr", "fast", "--lr takes a finite number")]
    [InlineData("--lr", "Infinity", "--lr takes a finite number")]
    [InlineData("--lr", "NaN", "--lr takes a finite number")]
    [InlineData("--lr", "-Infinity", "--lr takes a finite number")]
    [InlineData("--lr", "0", "--lr must be positive; got 0")]
    [InlineData("--checkpoint-minutes", "0", "--checkpoint-minutes must be positive")]
    [InlineData("--threads", "0", "--threads must be positive; got 0")]
    [InlineData("--threads", "2000", "--threads must be at most 1024; got 2000")]
    [InlineData("--threads", "two", "--threads takes an integer; got 'two'")]
    public async Task Bad_numbers_say_what_the_option_takes_in_words(string option, string value, string expected)
    {
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--data", "/nonexistent/data", option, value);
        Assert.Equal(1, code);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("System.", error);
        Assert.DoesNotContain("/nonexistent/data", error);
    }

    [Fact]
    public async Task A_resume_of_a_missing_folder_fails_before_any_data_loads()
    {
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--device", "cpu", "--data", "/nonexistent/data", "--resume", "/nonexistent/run");
        var line = OneErrorLine(code, error);
        Assert.Contains("cannot resume: /nonexistent/run does not exist", line);
    }

    // ---- D: one run per folder ----

    [Fact]
    public async Task A_second_trainer_on_a_folder_in_use_is_refused_naming_the_holder()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var run = folder.File("run");
        using var stop = new CancellationTokenSource();
        var (output, error) = (new StringWriter(), new StringWriter());
        var first = Task.Run(() => DslAeApp.RunAsync(["train", "--model", "TinyAe", "--data", data, "--epochs", "500", "--out", run, "--device", "cpu"], output, error, stop.Token));
        try
        {
            while (!File.Exists(new RunFolder(run).LastCheckpoint) && !first.IsCompleted) await Task.Delay(20);
            Assert.False(first.IsCompleted, error.ToString());

            foreach (var args in new[] { new[] { "--out", run }, ["--resume", run] })
            {
                var (code, _, second) = await Run(["train", "--model", "TinyAe", "--data", data, "--device", "cpu", .. args]);
                var line = OneErrorLine(code, second);
                Assert.Contains($"{run} is in use by another training run (process {Environment.ProcessId} on {Environment.MachineName}, started ", line);
                Assert.Contains("choose another --out", line);
            }
        }
        finally
        {
            stop.Cancel();
        }
        Assert.Equal(130, await first);
        // Released with the run: a resume may take the folder now.
        using (RunLock.Acquire(run)) { }
        Assert.False(File.Exists(Path.Combine(run, RunLock.HolderFileName)));
    }

    [Fact]
    public void A_lock_held_by_a_killed_process_is_released_with_it()
    {
        using var folder = new TempFolder();
        // flock(1) holds the lock file as .NET's FileShare.None does (flock LOCK_EX), until killed.
        using var holder = Process.Start(new ProcessStartInfo("flock", ["-x", Path.Combine(folder.Path, RunLock.LockFileName), "sleep", "60"]));
        if (holder is null) return;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline && !Locked(folder.Path)) Thread.Sleep(50);
            Assert.Throws<InvalidOperationException>(() => RunLock.Acquire(folder.Path));
        }
        finally
        {
            holder.Kill(entireProcessTree: true);
            holder.WaitForExit();
        }
        // flock's child (sleep) holds the lock too and dies a moment after flock itself.
        var released = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < released && Locked(folder.Path)) Thread.Sleep(50);
        using (RunLock.Acquire(folder.Path)) { }
    }

    private static bool Locked(string folder)
    {
        try
        {
            using (RunLock.Acquire(folder)) return false;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    // ---- E: a kill before the first checkpoint leaves a usable folder ----

    /// <summary>Throws at a step, as a kill there would stop the run (the lock is released by the OS either way).</summary>
    private sealed class KillAtStep(long step) : ITrainingObserver
    {
        public void Started(TrainingStart start) { }
        public void StepCompleted(StepReport report)
        {
            if (report.Step >= step) throw new OperationCanceledException($"killed at step {report.Step}");
        }
        public void EpochCompleted(EpochRecord record) { }
        public void Message(string text) { }
    }

    private static RunFolder KilledBeforeFirstCheckpoint(TempFolder folder)
    {
        var model = TinyAe.Definition;
        var run = new RunFolder(folder.File("run"));
        using var data = TestData.Split(320, 32);
        using (var trainer = new Trainer(model, model.Training, new TrainerOptions { Device = "cpu", RunFolder = run.Path }))
            Assert.Throws<OperationCanceledException>(() => trainer.Fit(data, new KillAtStep(3)));
        Assert.True(File.Exists(run.MetricsFile));
        Assert.False(File.Exists(run.LastCheckpoint));
        // What a save killed half-way leaves beside the checkpoint.
        File.WriteAllBytes(Path.Combine(run.CheckpointsFolder, $".last.safetensors.99999.{Guid.NewGuid():N}.tmp"), new byte[1000]);
        return run;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_run_killed_before_its_first_checkpoint_can_be_trained_again_or_resumed(bool resume)
    {
        using var folder = new TempFolder();
        var run = KilledBeforeFirstCheckpoint(folder);
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);

        var (code, output, error) = await Run("train", "--model", "TinyAe", "--data", data, "--epochs", "1", "--device", "cpu", resume ? "--resume" : "--out", run.Path);

        Assert.True(code == 0, error);
        Assert.Contains("stopped before its first", output);
        Assert.Contains("from step 0", output);
        Assert.Contains("removed 1 temporary file", output);
        Assert.Empty(Directory.GetFiles(run.CheckpointsFolder, "*.tmp"));
        // One run's log: the untrained baseline and epoch 1, not the killed run's lines as well.
        Assert.Equal([0, 1], MetricsLog.ReadEpochs(run.MetricsFile).Select(r => r.Epoch));
        Assert.True(File.Exists(run.LastCheckpoint));
    }

    [Fact]
    public void Checkpoints_are_written_by_time_as_well_as_by_steps()
    {
        var model = TinyAe.Definition;
        using var folder = new TempFolder();
        var run = new RunFolder(folder.File("run"));
        using var data = TestData.Split(320, 32);
        // No step count is ever reached; an interval shorter than one step checkpoints every step.
        var options = new TrainerOptions { Device = "cpu", RunFolder = run.Path, CheckpointEverySteps = 0, CheckpointInterval = TimeSpan.FromTicks(1) };
        using (var trainer = new Trainer(model, model.Training, options))
            Assert.Throws<OperationCanceledException>(() => trainer.Fit(data, new KillAtStep(4)));
        Assert.Equal(3, Checkpoint.ReadState(run.LastCheckpoint).GlobalStep);
    }

    // ---- F: overrides on resume are explicit ----

    [Fact]
    public async Task A_resume_applies_a_new_learning_rate_and_says_so_and_otherwise_keeps_the_runs()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var run = folder.File("run");
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--data", data, "--epochs", "1", "--lr", "0.001", "--out", run, "--device", "cpu");
        Assert.True(code == 0, error);

        // No --lr: the run's own rate, not the declared 3e-3.
        (code, var output, error) = await Run("train", "--model", "TinyAe", "--epochs", "2", "--resume", run);
        Assert.True(code == 0, error);
        Assert.DoesNotContain("learning rate changed", output);
        Assert.Equal(0.001, MetricsLog.ReadEpochs(new RunFolder(run).MetricsFile)[^1].LearningRate);

        (code, output, error) = await Run("train", "--model", "TinyAe", "--epochs", "3", "--lr", "0.0005", "--resume", run);
        Assert.True(code == 0, error);
        Assert.Contains("learning rate changed from 0.001 to 0.0005", output);
        Assert.Equal(0.0005, MetricsLog.ReadEpochs(new RunFolder(run).MetricsFile)[^1].LearningRate);
        Assert.Equal(0.0005, Checkpoint.ReadState(new RunFolder(run).LastCheckpoint).LearningRate);
    }

    [Fact]
    public async Task A_resume_refuses_what_it_cannot_honour_before_any_data_loads()
    {
        using var folder = new TempFolder();
        var data = folder.File("fashion");
        SmallFashionMnist.Write(data, train: 400, test: 100);
        var run = folder.File("run");
        var (code, _, error) = await Run("train", "--model", "TinyAe", "--data", data, "--epochs", "1", "--out", run, "--device", "cpu");
        Assert.True(code == 0, error);

        (code, _, error) = await Run("train", "--model", "TinyAe", "--epochs", "2", "--resume", run, "--out", folder.File("elsewhere"));
        Assert.Contains("name different folders", OneErrorLine(code, error));

        // A changed batch size cannot continue the run exactly: refused, and before the (missing) data is read.
        (code, _, error) = await Run("train", "--model", "TinyAe", "--epochs", "2", "--batch", "64", "--data", "/nonexistent/data", "--resume", run);
        var line = OneErrorLine(code, error);
        Assert.Contains("--batch 32, not 64", line);
    }
}
