using CaseFlow.Host;
using CaseFlow.Notifications;
using CaseFlow.Workflows;

var builder = WebApplication.CreateBuilder(args);

builder.AddCaseFlowHost();
builder.Services.AddCaseFlowWorkflows(builder.Configuration);
builder.Services.AddCaseFlowNotifications(builder.Configuration);

var app = builder.Build();

app.UseCaseFlowHost();
app.MapCaseFlowWorkflows();
app.MapCaseFlowNotifications();

app.RunCaseFlow();

/// <summary>Exposed for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
