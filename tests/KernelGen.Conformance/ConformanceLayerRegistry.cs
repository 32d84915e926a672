using System;
using System.Collections.Generic;

namespace KernelGen.Conformance;

/// <summary>Factories for every declared conformance layer, in declaration order.</summary>
internal static class ConformanceLayerRegistry
{
    public static IReadOnlyList<Func<LinearLayer>> All { get; } =
    [
        () => new Linear1x1(),
        () => new Linear1x3(),
        () => new Linear1x61(),
        () => new Linear1x64(),
        () => new Linear1x1000(),
        () => new Linear1x1023(),
        () => new Linear1x4097(),
        () => new Linear3x1(),
        () => new Linear3x3(),
        () => new Linear3x61(),
        () => new Linear3x64(),
        () => new Linear3x1000(),
        () => new Linear3x1023(),
        () => new Linear3x4097(),
        () => new Linear61x1(),
        () => new Linear61x3(),
        () => new Linear61x61(),
        () => new Linear61x64(),
        () => new Linear61x1000(),
        () => new Linear61x1023(),
        () => new Linear61x4097(),
        () => new Linear64x1(),
        () => new Linear64x3(),
        () => new Linear64x61(),
        () => new Linear64x64(),
        () => new Linear64x1000(),
        () => new Linear64x1023(),
        () => new Linear64x4097(),
        () => new Linear1000x1(),
        () => new Linear1000x3(),
        () => new Linear1000x61(),
        () => new Linear1000x64(),
        () => new Linear1000x1000(),
        () => new Linear1000x1023(),
        () => new Linear1000x4097(),
        () => new Linear1023x1(),
        () => new Linear1023x3(),
        () => new Linear1023x61(),
        () => new Linear1023x64(),
        () => new Linear1023x1000(),
        () => new Linear1023x1023(),
        () => new Linear1023x4097(),
        () => new Linear4097x1(),
        () => new Linear4097x3(),
        () => new Linear4097x61(),
        () => new Linear4097x64(),
        () => new Linear4097x1000(),
        () => new Linear4097x1023(),
        () => new Linear4097x4097(),
    ];
}
