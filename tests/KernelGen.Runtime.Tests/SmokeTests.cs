using Xunit;

namespace KernelGen.Runtime.Tests;

public class SmokeTests
{
    [Fact]
    public void Runs()
    {
        var layer = new Projection1024x64(seed: 1);
        var x = Tensor.Uniform(new PhiloxRandom(2), -1, 1, 5, 1024);
        Tensor y = layer.Forward(x);
        Assert.Equal(new[] { 5, 64 }, y.Shape);
    }
}
