namespace KernelGen.Conformance;

/// <summary>What one layer gave: outputs compared and mismatches per check, and the output hashes.</summary>
internal sealed record CaseResult(
    int InFeatures,
    int OutFeatures,
    bool HasBias,
    int BatchesChecked,
    long OutputsCompared,
    long CpuPathMismatches,
    long CpuBatchMismatches,
    long GpuMismatches,
    string CpuHash,
    string? GpuHash)
{
    public long Mismatches => CpuPathMismatches + CpuBatchMismatches + GpuMismatches;
}
