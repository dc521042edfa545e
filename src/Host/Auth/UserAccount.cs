namespace CaseFlow.Host.Auth;

/// <summary>A person who signs in (<c>Auth:Users</c>): their roles and, for officers, the offices they work in.</summary>
public sealed class UserAccount
{
    public string UserName { get; set; } = "";

    public string DisplayName { get; set; } = "";

    /// <summary>A <see cref="PasswordHasher"/> hash; never the password itself.</summary>
    public string PasswordHash { get; set; } = "";

    public string[] Roles { get; set; } = [];

    public string[] Offices { get; set; } = [];
}
