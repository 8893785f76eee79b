using DslAe.Training;
using static TorchSharp.torch;

namespace DslAe.Tests;

/// <summary>
/// Issue 15, item 8: resident memory grew by about 9 MiB at every epoch end because each checkpoint allocated managed
/// buffers the size of the model and optimiser state (a 1 MiB FileStream buffer, a MemoryStream grown by doubling and
/// copied by ToArray), garbage the GC left on the large-object heap for a long time. A save now writes tensors from
/// their native memory and reuses one serialisation buffer per optimiser; this test catches a buffer coming back.
/// bench/memory/epochs.sh measures the resident memory itself.
/// </summary>
public sealed class CheckpointAllocationTests
{
    [Fact]
    public void A_checkpoint_save_allocates_far_less_managed_memory_than_the_state_it_writes()
    {
        var settings = TinyAe.Definition.Training;
        using var folder = new TempFolder();
        using var batch = TestData.Fashion.Slice(0, 32).clone();
        using var module = TinyAe.Definition.CreateModule();
        using var optimizer = OptimizerFactory.Create(settings, module.parameters());
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            module.ComputeLoss(batch, batch).Total.backward();
            optimizer.step();
        }

        var state = new TrainingState
        {
            Model = "TinyAe", Seed = 1, BatchSize = 32, TrainCount = 32, Optimizer = settings.Optimizer.ToString(), Schedule = "None",
            BatchInEpoch = 1, GlobalStep = 1, EpochSamples = 32,
        };
        var path = folder.File("last.safetensors");
        Checkpoint.Save(path, module, optimizer, state); // the first save creates the optimiser's reusable buffer

        const int Saves = 5;
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < Saves; i++) Checkpoint.Save(path, module, optimizer, state);
        var perSave = (GC.GetAllocatedBytesForCurrentThread() - before) / Saves;

        var written = new FileInfo(path).Length;
        Assert.True(written > 300_000, $"the checkpoint holds only {written} bytes: too small for this test to tell a state-sized buffer apart");
        Assert.True(perSave < written / 2, $"a save allocated {perSave:N0} managed bytes for a {written:N0}-byte checkpoint: a buffer of the state's size is back");
        Assert.Equal(1, Checkpoint.Verify(path).GlobalStep);
    }
}
