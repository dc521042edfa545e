using CaseFlow.Cases;
using CaseFlow.Host;
using CaseFlow.Host.Commands;
using CaseFlow.Notifications;
using CaseFlow.Web;
using CaseFlow.Workflows;

var (command, hostArgs) = HostCommand.Parse(args);
var builder = WebApplication.CreateBuilder(hostArgs);

builder.AddCaseFlowHost();
builder.Services.AddCaseFlowWorkflows(builder.Configuration);
builder.Services.AddCaseFlowCases(builder.Configuration);
builder.Services.AddCaseFlowNotifications(builder.Configuration);
builder.AddCaseFlowWeb();

var app = builder.Build();

if (command is not null)
{
    Environment.ExitCode = await app.RunCaseFlowCommandAsync(command);
    return;
}

app.UseCaseFlowHost();
app.MapCaseFlowWorkflows();
app.MapCaseFlowCases();
app.MapCaseFlowNotifications();
app.MapCaseFlowWeb();

app.RunCaseFlow();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
