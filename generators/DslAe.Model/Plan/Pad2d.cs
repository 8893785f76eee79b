namespace DslAe.Model
{
    /// <summary>
    /// Per-side padding in libtorch <c>pad</c>'s order for 4-D tensors (left, right, top, bottom).
    /// Negative values crop, as <c>constant_pad_nd</c> does.
    /// </summary>
    /// <param name="Left">Columns added at the left.</param>
    /// <param name="Right">Columns added at the right.</param>
    /// <param name="Top">Rows added at the top.</param>
    /// <param name="Bottom">Rows added at the bottom.</param>
    public sealed record Pad2d(int Left, int Right, int Top, int Bottom);
}
