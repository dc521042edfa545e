using System.Net;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Tests.Security;

public class SharedKeyRingTests
{
    private static Dictionary<string, string?> Person => new()
    {
        ["Auth:Users:0:UserName"] = "giulia",
        ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash("segreta-123"),
        ["Auth:Users:0:Roles:0"] = "supervisor",
    };

    [Fact]
    public async Task A_cookie_issued_by_one_host_is_accepted_by_another_on_the_same_database_and_after_a_restart()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var one = new CaseFlowApp(database, Person);
        await using var two = new CaseFlowApp(database, Person);
        // Started together: they must agree on one key, not each make their own.
        await Task.WhenAll(Task.Run(() => one.Server), Task.Run(() => two.Server));

        var login = await one.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).PostAsync("/auth/login",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["username"] = "giulia", ["password"] = "segreta-123", ["returnUrl"] = "/" }));
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("caseflow.auth=", StringComparison.Ordinal)).Split(';')[0];

        Assert.Equal(HttpStatusCode.OK, await MeAsync(two, cookie));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT count(*) FROM data_protection_keys"));

        await one.DisposeAsync();
        await using var restarted = new CaseFlowApp(database, Person);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(restarted, cookie));
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT count(*) FROM data_protection_keys"));
    }

    private static async Task<HttpStatusCode> MeAsync(CaseFlowApp app, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/auth/me");
        request.Headers.Add("Cookie", cookie);
        return (await app.CreateClient().SendAsync(request)).StatusCode;
    }
}
