using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CaseFlow.Host.Auth;

/// <summary>
/// Sign-in attempts are limited per address (ASP.NET's rate limiter, policy <see cref="AddressPolicy"/>) and per user
/// name (here, once the form is read): guessing one person's password from many addresses is as slow as from one.
/// The counts live in each host's memory: with several hosts the limit is per host, which still bounds guessing.
/// </summary>
public sealed class LoginThrottle : IDisposable
{
    public const string AddressPolicy = "login-per-address";

    private readonly PartitionedRateLimiter<string> perUser;
    private readonly PartitionedRateLimiter<string> perAddress;

    public LoginThrottle(IOptions<AuthOptions> options)
    {
        var settings = options.Value;
        perUser = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetFixedWindowLimiter(user, _ => Window(settings.LoginAttemptsPerUser, settings.LoginWindow)),
            StringComparer.OrdinalIgnoreCase);
        perAddress = PartitionedRateLimiter.Create<string, string>(address => RateLimitPartition.GetFixedWindowLimiter(address,
            _ => Window(settings.LoginAttemptsPerAddress, settings.LoginWindow)), StringComparer.Ordinal);
    }

    /// <summary>False when this user name has had its attempts for the window.</summary>
    public bool TryAttempt(string userName)
    {
        using var lease = perUser.AttemptAcquire(userName.Trim().ToLowerInvariant());
        return lease.IsAcquired;
    }

    /// <summary>The address limit for the sign-in page's form, which the endpoint policy does not cover (a Razor component handles it).</summary>
    public bool TryAttemptFrom(System.Net.IPAddress address)
    {
        using var lease = perAddress.AttemptAcquire(address.ToString());
        return lease.IsAcquired;
    }

    public static void AddPolicy(RateLimiterOptions limiter) =>
        limiter.AddPolicy(AddressPolicy, http =>
        {
            var settings = http.RequestServices.GetRequiredService<IOptions<AuthOptions>>().Value;
            return RateLimitPartition.GetFixedWindowLimiter(http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => Window(settings.LoginAttemptsPerAddress, settings.LoginWindow));
        });

    public void Dispose()
    {
        perUser.Dispose();
        perAddress.Dispose();
    }

    private static FixedWindowRateLimiterOptions Window(int permits, TimeSpan window) =>
        new() { PermitLimit = permits, Window = window, QueueLimit = 0, AutoReplenishment = true };
}
