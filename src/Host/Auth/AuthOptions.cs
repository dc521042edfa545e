namespace CaseFlow.Host.Auth;

/// <summary>Settings under <c>Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>An admin API key registered at start-up, so deployments and scripts need no manual step. Empty: none.</summary>
    public string BootstrapAdminApiKey { get; set; } = "";

    /// <summary>People who sign in with a password. Empty by default; Development seeds demo users.</summary>
    public List<UserAccount> Users { get; set; } = [];

    /// <summary>Sign-in attempts one address may make per <see cref="LoginWindow"/>.</summary>
    public int LoginAttemptsPerAddress { get; set; } = 50;

    /// <summary>Sign-in attempts for one user name per <see cref="LoginWindow"/>, from any address.</summary>
    public int LoginAttemptsPerUser { get; set; } = 10;

    public TimeSpan LoginWindow { get; set; } = TimeSpan.FromMinutes(5);
}
