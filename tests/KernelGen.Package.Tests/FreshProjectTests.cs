using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading.Tasks;
using KernelGen.Tests;
using Xunit;

namespace KernelGen.Package.Tests;

/// <summary>
/// A new console project, outside the repository, with nothing but a PackageReference to KernelGen
/// and the README's quick start: it must build with warnings as errors and documentation on, and
/// its generated kernels must print exactly the bits this test computes in-process.
/// </summary>
[Trait("Category", "Package")]
public sealed class FreshProjectTests(PackageFeed package)
{
    private const string ProjectFile = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <OutputType>Exe</OutputType>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
            <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
            <GenerateDocumentationFile>true</GenerateDocumentationFile>
            <NoWarn>$(NoWarn);CS1591</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="KernelGen" Version="0.1.0" />
          </ItemGroup>
        </Project>
        """;

    // Runs the README's layer on fixed input; the README's Program.cs is compiled (as a method) but not run,
    // since it opens a CUDA device.
    private const string Program = """
        using System.Runtime.InteropServices;
        using System.Security.Cryptography;
        using KernelGen;

        var layer = new Projection(seed: 42);
        Tensor x = Tensor.Uniform(new PhiloxRandom(seed: 1), -1f, 1f, 3, 5, 1024);
        Tensor y = layer.Forward(x);
        Console.WriteLine($"shape {y.ShapeString}");
        Console.WriteLine($"sha256 {Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(y.Span)))}");
        """;

    [Fact]
    public async Task Readme_quick_start_builds_from_the_package_and_its_kernels_give_the_expected_bits()
    {
        string project = package.Scratch("fresh-consumer");
        IsolateFromEnclosingFolders(project);
        File.WriteAllText(Path.Combine(project, "Consumer.csproj"), ProjectFile);
        File.WriteAllText(Path.Combine(project, "Projection.cs"), ReadmeQuickStart.File("Projection.cs"));
        File.WriteAllText(Path.Combine(project, "QuickStart.cs"), AsMethod(ReadmeQuickStart.File("Program.cs")));
        File.WriteAllText(Path.Combine(project, "Program.cs"), Program);

        DotNetCli.Result run = await DotNetCli.RunAsync(
            project, PackageFeed.Timeout, ["run", "-c", "Release", "--nologo", .. package.RestoreProperties]);

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("shape (3, 5, 64)", run.Output, StringComparison.Ordinal);
        Assert.Contains($"sha256 {ExpectedHash()}", run.Output, StringComparison.Ordinal);
        Assert.True(
            File.Exists(Path.Combine(package.Packages, "kernelgen", "0.1.0", "analyzers", "dotnet", "cs", "KernelGen.Generator.dll")),
            "the generator did not come from the package");
    }

    /// <summary>
    /// Stops MSBuild's upward search for Directory.Build.props/targets and Directory.Packages.props at
    /// the project's folder, so that files left in a shared temporary folder cannot change the build.
    /// </summary>
    private static void IsolateFromEnclosingFolders(string project)
    {
        const string Empty = "<Project />\n";
        File.WriteAllText(Path.Combine(project, "Directory.Build.props"), Empty);
        File.WriteAllText(Path.Combine(project, "Directory.Build.targets"), Empty);
        File.WriteAllText(
            Path.Combine(project, "Directory.Packages.props"),
            "<Project>\n  <PropertyGroup>\n    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>\n  </PropertyGroup>\n</Project>\n");
    }

    private static string ExpectedHash()
    {
        var layer = new Projection(seed: 42);
        Tensor y = layer.Forward(Tensor.Uniform(new PhiloxRandom(seed: 1), -1f, 1f, 3, 5, 1024));
        return Convert.ToHexString(SHA256.HashData(MemoryMarshal.AsBytes(y.Span)));
    }

    /// <summary>Wraps top-level statements into a method that is compiled and never called.</summary>
    private static string AsMethod(string topLevel)
    {
        string[] lines = topLevel.Split('\n');
        string usings = string.Join('\n', lines.Where(l => l.StartsWith("using ", StringComparison.Ordinal) && l.TrimEnd().EndsWith(';') && !l.Contains('=')));
        string body = string.Join('\n', lines.Where(l => !(l.StartsWith("using ", StringComparison.Ordinal) && !l.Contains('='))));
        return $"{usings}\n\ninternal static class ReadmeQuickStart\n{{\n    internal static void Run()\n    {{\n{body}\n    }}\n}}\n";
    }
}
