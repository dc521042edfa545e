namespace CaseFlow.Web;

/// <summary>Settings under <c>Web</c>.</summary>
public sealed class WebOptions
{
    public const string Section = "Web";

    /// <summary>The administration named in the header ("Comune di Limbiate"). Empty: the desk agency's name from <c>Organisation</c>.</summary>
    public string AdministrationName { get; set; } = "";

    /// <summary>Folder of Bootstrap Italia's <c>dist</c>. Empty: the published copy beside the host, else <c>src/Web/Assets/node_modules</c>.</summary>
    public string BootstrapItaliaPath { get; set; } = "";
}
