namespace CaseFlow.Host.Network;

/// <summary>Settings under <c>Network</c>: the reverse proxies whose <c>X-Forwarded-*</c> headers the host believes.</summary>
public sealed class NetworkOptions
{
    public const string Section = "Network";

    /// <summary>Proxy addresses (e.g. <c>10.0.0.5</c>). Empty, with no networks: forwarded headers are ignored.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR form (e.g. <c>10.0.0.0/24</c>).</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
