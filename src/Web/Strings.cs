using System.Resources;

[assembly: NeutralResourcesLanguage("it")]

namespace CaseFlow.Web;

/// <summary>
/// The pages' words. The key is the Italian text itself, so Italian needs no resource file and a missing English
/// translation shows Italian, never a code; <c>Resources/Strings.en.resx</c> holds the English.
/// </summary>
public sealed class Strings;
