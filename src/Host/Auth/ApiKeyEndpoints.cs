using CaseFlow.ServiceDefaults.Http;
using CaseFlow.ServiceDefaults.Access;

namespace CaseFlow.Host.Auth;

/// <summary>Admin management of API keys: create (the key is shown once), list, revoke.</summary>
public static class ApiKeyEndpoints
{
    /// <param name="Offices">The offices an officer key works for (emitted as <c>office</c> claims); empty for other roles.</param>
    public sealed record CreateApiKey(string? Name, string[]? Roles, string[]? Offices = null);

    public sealed record CreatedApiKey(Guid Id, string Name, string[] Roles, DateTimeOffset CreatedAt, string Key, string[] Offices);

    public static IEndpointRouteBuilder MapCaseFlowApiKeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/admin/api-keys").RequireAuthorization(Roles.Admin).WithTags("Administration");

        group.MapPost("/", async (CreateApiKey request, ApiKeyStore store, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(request.Name))
            {
                return Problems.Validation("name", "Give the key a name that says who uses it.");
            }

            var roles = request.Roles ?? [];
            var unknown = roles.FirstOrDefault(r => !Roles.All.Contains(r));
            if (roles.Length == 0 || unknown is not null)
            {
                return Problems.Validation("roles", $"Roles must be one or more of: {string.Join(", ", Roles.All)}.");
            }

            var offices = (request.Offices ?? []).Select(o => o.Trim()).Where(o => o.Length > 0).Distinct().ToArray();
            var (key, secret) = await store.CreateAsync(request.Name.Trim(), roles, ct, offices: offices);
            return Results.Created($"/api/admin/api-keys/{key.Id}", new CreatedApiKey(key.Id, key.Name, key.Roles, key.CreatedAt, secret, offices));
        });

        group.MapGet("/", async (ApiKeyStore store, CancellationToken ct) => Results.Ok(await store.ListAsync(ct)));

        group.MapDelete("/{id:guid}", async (Guid id, ApiKeyStore store, CancellationToken ct) =>
            await store.RevokeAsync(id, ct) ? Results.NoContent() : Problems.NotFound("id", "No active API key has this id."));

        return app;
    }
}
