namespace KernelGen;

/// <summary>
/// A snapshot of a <see cref="TensorPool"/>'s counters, for tests and diagnostics: in steady state a
/// forward pass rents and returns buffers but makes no new <see cref="Allocations"/>.
/// </summary>
/// <param name="Allocations">Device buffers the pool has allocated since it was created.</param>
/// <param name="Rents">Buffers handed out (new or reused).</param>
/// <param name="Returns">Buffers given back.</param>
/// <param name="BytesAllocated">Bytes of device memory the pool holds now, rented or free.</param>
/// <param name="BytesRented">Bytes of device memory rented out now.</param>
public readonly record struct TensorPoolStatistics(long Allocations, long Rents, long Returns, long BytesAllocated, long BytesRented);
