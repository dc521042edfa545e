namespace CaseFlow.Host.Auth;

/// <summary>
/// Settings under <c>CitizenSignIn</c>: the OpenID Connect provider citizens sign in with (SPID/CIE through an OpenID
/// Connect provider, CAD art. 64). With no <see cref="Authority"/> and the development provider on, it is that one.
/// </summary>
public sealed class CitizenSignInOptions
{
    public const string Section = "CitizenSignIn";

    /// <summary>The provider's issuer URL (its discovery document is under <c>/.well-known/openid-configuration</c>).</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string ClientSecret { get; set; } = "";

    public List<string> Scopes { get; set; } = ["openid", "profile", "email", "phone", "address"];

    /// <summary>Where the provider sends the browser back; register it with the provider as <c>{public URL}{CallbackPath}</c>.</summary>
    public string CallbackPath { get; set; } = "/accedi/callback";

    /// <summary>Reads the attributes from the userinfo endpoint too (SPID and CIE providers give them there).</summary>
    public bool UseUserInfo { get; set; }

    /// <summary>False only for a provider on loopback over plain HTTP (the development provider sets it so itself).</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long a citizen stays signed in without activity.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>The provider's claim names, mapped to CaseFlow's (SPID's attribute names by default).</summary>
    public CitizenClaimNames Claims { get; set; } = new();
}

/// <summary>
/// Which provider claim carries what. SPID's SAML names by default; an AgID OpenID Connect provider uses URIs such as
/// <c>https://attributes.eid.gov.it/fiscal_number</c>.
/// </summary>
public sealed class CitizenClaimNames
{
    /// <summary>The codice fiscale, as <c>TINIT-RSSMRA80A01F205X</c> (the prefix is removed) or bare.</summary>
    public string FiscalNumber { get; set; } = "fiscalNumber";

    public string GivenName { get; set; } = "name";

    public string FamilyName { get; set; } = "familyName";

    public string Email { get; set; } = "email";

    public string Phone { get; set; } = "mobilePhone";

    public string Address { get; set; } = "address";

    public string CompanyName { get; set; } = "companyName";

    /// <summary>The company's partita IVA, as <c>VATIT-01234567897</c> (the prefix is removed) or bare.</summary>
    public string CompanyVat { get; set; } = "ivaCode";
}
