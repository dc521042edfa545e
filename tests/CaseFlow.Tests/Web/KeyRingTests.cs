using System.Net;
using System.Text.RegularExpressions;
using CaseFlow.Host.Auth;
using CaseFlow.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CaseFlow.Tests.Web;

/// <summary>Two hosts on one database are one application to a browser: no sticky sessions.</summary>
public partial class KeyRingTests
{
    [Fact]
    public async Task A_form_from_one_host_posts_to_another_and_the_cookie_it_gets_is_honoured_by_the_first()
    {
        var database = await TestCluster.CreateDatabaseAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Auth:Users:0:UserName"] = "laura",
            ["Auth:Users:0:PasswordHash"] = PasswordHasher.Hash("chiave-condivisa"),
            ["Auth:Users:0:Roles:0"] = "frontdesk",
        };
        await using var first = new CaseFlowApp(database, settings);
        await using var second = new CaseFlowApp(database, settings);
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false };
        using var toFirst = first.CreateClient(options);
        using var toSecond = second.CreateClient(options);

        // The sign-in form and its antiforgery cookie come from the first host; the POST goes to the second.
        var form = await toFirst.GetAsync("/login");
        var token = WebUtility.HtmlDecode(Token().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value);
        var post = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "login", ["__RequestVerificationToken"] = token, ["Input.UserName"] = "laura",
                ["Input.Password"] = "chiave-condivisa", ["Input.ReturnUrl"] = "/sportello",
            }),
        };
        post.Headers.Add("Cookie", CookiesOf(form));
        var signIn = await toSecond.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var page = new HttpRequestMessage(HttpMethod.Get, "/sportello");
        page.Headers.Add("Cookie", CookiesOf(signIn));
        Assert.Equal(HttpStatusCode.OK, (await toFirst.SendAsync(page)).StatusCode);
        Assert.Equal(1, await Sql.CountAsync(database, "SELECT count(*) FROM data_protection_keys"));
    }

    private static string CookiesOf(HttpResponseMessage response) =>
        string.Join("; ", response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
