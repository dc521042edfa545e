using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Workflows.Activities;

public static class ActivityScanning
{
    /// <summary>
    /// Registers every concrete <see cref="IActivityHandler"/> of the assembly that holds <typeparamref name="TMarker"/>
    /// (as elsa-core's <c>AddActivitiesFrom&lt;T&gt;()</c>), so a module brings its activities without the engine listing them.
    /// </summary>
    public static IServiceCollection AddActivitiesFrom<TMarker>(this IServiceCollection services)
    {
        var handlers = typeof(TMarker).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IActivityHandler).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var handler in handlers)
        {
            services.AddSingleton(typeof(IActivityHandler), handler);
        }

        return services;
    }
}
