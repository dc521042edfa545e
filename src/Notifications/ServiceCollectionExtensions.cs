using CaseFlow.Notifications.DevMailbox;
using CaseFlow.Notifications.Dispatch;
using CaseFlow.Notifications.Operators;
using CaseFlow.Notifications.Outbox;
using CaseFlow.Notifications.Smtp;
using CaseFlow.Notifications.Templates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace CaseFlow.Notifications;

public static class ServiceCollectionExtensions
{
    /// <summary>Citizen and office email: outbox, templates, dispatch.</summary>
    public static IServiceCollection AddCaseFlowNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationsOptions>, NotificationsOptionsValidator>();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SmtpOptions>, SmtpOptionsValidator>();
        services.AddSingleton<IValidateOptions<SmtpOptions>, ProductionMailValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TemplateRenderer>();
        services.AddSingleton<Operators.CaseDeliveries>();
        services.AddSingleton<CaseFlow.ServiceDefaults.Retention.IRetentionRule, Outbox.FinishedMessagesRetention>();
        services.AddSingleton<IOutbox, PostgresOutbox>();
        services.AddSingleton<OutboxStore>();
        services.AddSingleton<MimeMessageFactory>();
        services.AddSingleton<PickupDirectoryTransport>();
        services.AddSingleton<SmtpTransport>();
        services.AddSingleton<IMailTransport>(sp => sp.GetRequiredService<IOptions<SmtpOptions>>().Value.Enabled
            ? sp.GetRequiredService<SmtpTransport>()
            : sp.GetRequiredService<PickupDirectoryTransport>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddTransient<OutboxDispatchJob>();
        services.AddSingleton<MailboxFiles>();
        services.AddSingleton<NotificationOperators>();
        services.AddSingleton<NotificationPages>();
        services.AddSingleton<IHostedService, OutboxSweepRegistration>();
        services.AddHostedService<OutboxListener>();
        return services;
    }

    public static IEndpointRouteBuilder MapCaseFlowNotifications(this IEndpointRouteBuilder app)
    {
        app.MapNotificationOperators();
        app.MapDevMailbox();
        return app;
    }
}
