using KernelGen.Serving;
using Microsoft.AspNetCore.Builder;

// dotnet run --project serving/KernelGen.Serving -c Release -- --urls http://127.0.0.1:8080 [--device cuda]
// Settings: docs/serving.md.
WebApplication app = EmbeddingServer.Create(args);
await app.RunAsync().ConfigureAwait(false);
