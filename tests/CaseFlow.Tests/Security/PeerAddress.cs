using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Security;

/// <summary>
/// The in-memory test server has no peer address; this gives each request the one in <see cref="Header"/>, as if it
/// came over TCP from there. It runs before the host's pipeline, so the host's forwarded-headers rules apply after it.
/// </summary>
public static class PeerAddress
{
    public const string Header = "X-Test-Peer";

    public static void Install(IServiceCollection services) => services.AddTransient<IStartupFilter, Filter>();

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, following) =>
            {
                if (context.Request.Headers.TryGetValue(Header, out var peer) && IPAddress.TryParse(peer.ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return following(context);
            });
            next(app);
        };
    }
}
