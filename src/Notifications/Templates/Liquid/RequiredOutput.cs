using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;

namespace CaseFlow.Notifications.Templates.Liquid;

/// <summary><c>{{ path | filters }}</c> that refuses to print nothing: a missing or blank value is a <see cref="LiquidException"/>.</summary>
internal sealed class RequiredOutput(OutputStatement output, string path) : Statement
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        context.IncrementSteps();
        var value = await output.Expression.EvaluateAsync(context);
        if (value.IsNil() || string.IsNullOrWhiteSpace(value.ToStringValue()))
        {
            throw new LiquidException($"'{{{{ {path} }}}}' has no value: the model lacks '{path}'.");
        }

        await value.WriteToAsync(writer, encoder, context.CultureInfo);
        return Completion.Normal;
    }
}
