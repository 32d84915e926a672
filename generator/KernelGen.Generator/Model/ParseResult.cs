namespace KernelGen.Generator.Model;

/// <summary>What the parser made of one declaration: a model when it is valid, and its diagnostics.</summary>
internal sealed record ParseResult<TModel>(TModel? Model, EquatableArray<DiagnosticInfo> Diagnostics)
    where TModel : class;
