using System;
using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;

namespace KernelGen.Benchmarks;

/// <summary>
/// Writes an ONNX model of one <c>MatMul</c> node, <c>Y[M, N] = A[M, K] · B[K, N]</c> in float32,
/// with B stored as an initializer (so ONNX Runtime packs it once, as KernelGen packs its weight).
/// Field numbers are those of onnx.proto (ModelProto, GraphProto, NodeProto, TensorProto, ValueInfoProto).
/// </summary>
internal static class OnnxMatMulModel
{
    private const int FloatType = 1; // TensorProto.DataType.FLOAT

    /// <summary>
    /// A session over <paramref name="model"/> on <paramref name="threads"/> intra-op threads (one inter-op
    /// thread, sequential execution, every graph optimization): the thread count KernelGen is given.
    /// With <paramref name="profilePrefix"/>, ONNX Runtime times every node into a JSON file of that prefix.
    /// </summary>
    public static InferenceSession OpenSession(byte[] model, int threads, string? profilePrefix = null)
    {
        using var options = new SessionOptions
        {
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        if (profilePrefix is not null)
        {
            options.EnableProfiling = true;
            options.ProfileOutputPathPrefix = profilePrefix;
        }

        return new InferenceSession(model, options);
    }

    /// <summary>The model's bytes.</summary>
    /// <param name="m">Rows of A and Y.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and Y.</param>
    /// <param name="b">B, <c>[K, N]</c> row-major.</param>
    public static byte[] Create(int m, int k, int n, ReadOnlySpan<float> b)
    {
        byte[] raw = MemoryMarshal.AsBytes(b).ToArray(); // raw_data is little-endian, as is x86 and Arm
        return new ProtobufWriter()
            .Int64(1, 8) // ir_version
            .Message(8, opset => opset.String(1, string.Empty).Int64(2, 17)) // opset_import: ai.onnx 17
            .Message(7, graph => graph
                .Message(1, node => node.String(1, "A").String(1, "B").String(2, "Y").String(3, "matmul").String(4, "MatMul"))
                .String(2, "matmul")
                .Message(5, tensor => tensor.Int64(1, k).Int64(1, n).Int64(2, FloatType).String(8, "B").Bytes(9, raw))
                .Message(11, input => ValueInfo(input, "A", m, k))
                .Message(12, output => ValueInfo(output, "Y", m, n)))
            .ToArray();
    }

    /// <summary>
    /// The bytes of a batched product with both operands as inputs (what <c>[MatMul]</c> computes):
    /// <c>Y[batch, m, N] = A[batch, m, K] · B[batch, K, N]</c>.
    /// </summary>
    public static byte[] CreateBatched(int batch, int m, int k, int n) => new ProtobufWriter()
        .Int64(1, 8) // ir_version
        .Message(8, opset => opset.String(1, string.Empty).Int64(2, 17)) // opset_import: ai.onnx 17
        .Message(7, graph => graph
            .Message(1, node => node.String(1, "A").String(1, "B").String(2, "Y").String(3, "matmul").String(4, "MatMul"))
            .String(2, "matmul")
            .Message(11, input => ValueInfo(input, "A", batch, m, k))
            .Message(11, input => ValueInfo(input, "B", batch, k, n))
            .Message(12, output => ValueInfo(output, "Y", batch, m, n)))
        .ToArray();

    // ValueInfoProto { name = 1; type = 2 { tensor_type = 1 { elem_type = 1; shape = 2 { dim = 1 { dim_value = 1 } } } } }
    private static void ValueInfo(ProtobufWriter value, string name, params int[] dims) => value
        .String(1, name)
        .Message(2, type => type.Message(1, tensor => tensor
            .Int64(1, FloatType)
            .Message(2, shape =>
            {
                foreach (int extent in dims)
                {
                    shape.Message(1, dim => dim.Int64(1, extent));
                }
            })));
}
