using System.ComponentModel;

namespace KernelGen.Generated;

/// <summary>
/// The run-time extents of one attention launch: <see cref="Batch"/> sequences, each with
/// <see cref="Queries"/> query rows (absolute positions <see cref="QueryStart"/>…) attending over
/// <see cref="Keys"/> key/value rows.
/// Only generated code uses this type (it is public because that code is compiled into the user's assembly).
/// </summary>
/// <param name="Batch">Sequences in the launch.</param>
/// <param name="Queries">Query rows per sequence.</param>
/// <param name="Keys">Key and value rows per sequence.</param>
/// <param name="QueryStart">The position of the first query row (0 for a prefill; the cache length − 1 for a decode step).</param>
/// <param name="Causal">1 when query position p sees only keys 0..p, else 0.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct AttentionShape(int Batch, int Queries, int Keys, int QueryStart, int Causal)
{
    /// <summary>How many keys query row <paramref name="query"/> of a sequence with <paramref name="validLength"/> real tokens may see.</summary>
    public int VisibleKeys(int query, int validLength)
    {
        int limit = validLength < Keys ? validLength : Keys;
        int causalLimit = QueryStart + query + 1;
        return Causal != 0 && causalLimit < limit ? causalLimit : limit;
    }
}
