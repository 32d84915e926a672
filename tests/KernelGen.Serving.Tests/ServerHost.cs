using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using KernelGen.Serving.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace KernelGen.Serving.Tests;

/// <summary>The server on a real Kestrel, 127.0.0.1 and a port the OS picks, over a shared model.</summary>
public sealed class ServerHost : IAsyncDisposable
{
    private ServerHost(WebApplication app, Uri address)
    {
        App = app;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(120) };
    }

    public WebApplication App { get; }

    /// <summary>The address it listens on, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri Address { get; }

    /// <summary>A client for raw HTTP calls.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts the server with <paramref name="encoder"/> and the command line <paramref name="args"/>.</summary>
    public static async Task<ServerHost> StartAsync(ISentenceEncoder encoder, params string[] args)
    {
        string[] commandLine = ["--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:KernelGen.Serving=Warning", "--Logging:Console:FormatterName=simple", .. args];
        WebApplication app = EmbeddingServer.Create(commandLine, services => services.AddSingleton(encoder));
        await app.StartAsync().ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new ServerHost(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
    }
}
