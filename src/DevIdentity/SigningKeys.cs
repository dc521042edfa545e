using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using OpenIddict.Server;

namespace CaseFlow.DevIdentity;

/// <summary>
/// The provider's RSA signing key and AES encryption key, made once and kept in <c>dev_identity_keys</c> protected by
/// the hosts' shared data-protection key ring: an identity token signed by one host validates with the keys another
/// host publishes, and a restart keeps signed-in citizens' tokens valid.
/// </summary>
internal sealed class SigningKeys(NpgsqlDataSource dataSource, IDataProtectionProvider protection) : IConfigureOptions<OpenIddictServerOptions>
{
    private const string Purpose = "CaseFlow.DevIdentity.Keys";

    private sealed record StoredKeys(string RsaPrivateKey, string AesKey);

    // OpenIddict asks for its options once, on the first request it sees (the database is migrated by then).
    public void Configure(OpenIddictServerOptions options)
    {
        var keys = LoadOrCreate();
        var rsa = RSA.Create();
        rsa.ImportRSAPrivateKey(Convert.FromBase64String(keys.RsaPrivateKey), out _);
        var signing = new RsaSecurityKey(rsa) { KeyId = KeyId(rsa) };
        options.SigningCredentials.Add(new SigningCredentials(signing, SecurityAlgorithms.RsaSha256));
        options.EncryptionCredentials.Add(new EncryptingCredentials(new SymmetricSecurityKey(Convert.FromBase64String(keys.AesKey)),
            SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    private StoredKeys LoadOrCreate()
    {
        var protector = protection.CreateProtector(Purpose);
        using var connection = dataSource.OpenConnection();
        using (var insert = new NpgsqlCommand("INSERT INTO dev_identity_keys (id, protected_key) VALUES (1, @key) ON CONFLICT (id) DO NOTHING", connection))
        {
            using var rsa = RSA.Create(2048);
            var fresh = new StoredKeys(Convert.ToBase64String(rsa.ExportRSAPrivateKey()), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            insert.Parameters.AddWithValue("key", protector.Protect(JsonSerializer.Serialize(fresh)));
            insert.ExecuteNonQuery();
        }

        // Whoever inserted first wins; everyone reads the same row back.
        using var select = new NpgsqlCommand("SELECT protected_key FROM dev_identity_keys WHERE id = 1", connection);
        var stored = (string)select.ExecuteScalar()!;
        return JsonSerializer.Deserialize<StoredKeys>(protector.Unprotect(stored))!;
    }

    private static string KeyId(RSA rsa) =>
        Base64UrlEncoder.Encode(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 12).ToArray());
}
