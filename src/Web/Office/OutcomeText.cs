using CaseFlow.Cases.Tasks;

namespace CaseFlow.Web.Office;

/// <summary>What an outcome leads to, as the confirmation tells the officer (Italian keys for the localizer).</summary>
public static class OutcomeText
{
    public static string Consequence(OutcomeConsequence consequence) => consequence switch
    {
        OutcomeConsequence.Grants => "Questo esito conclude il procedimento con l'accoglimento della domanda e l'atto finale.",
        OutcomeConsequence.Denies => "Questo esito conclude il procedimento con il rigetto della domanda e l'atto finale.",
        OutcomeConsequence.NoticeOfRefusal => "Questo esito invia al cittadino il preavviso di rigetto (art. 10-bis L. 241/1990): avrà 10 giorni per presentare osservazioni.",
        OutcomeConsequence.Ends => "Questo esito conclude il flusso del procedimento.",
        OutcomeConsequence.Unknown => "Non è possibile dire dove porta questo esito: controlla la scheda del procedimento prima di confermare.",
        _ => "Il procedimento prosegue con il passo successivo.",
    };

    /// <summary>A procedure's status after its final act, as a person reads it.</summary>
    public static string ProcedureStatus(string status) => status switch
    {
        "granted" => "domanda accolta",
        "denied" => "domanda respinta",
        "accepted" => "accolta per silenzio-assenso",
        "open" => "in corso",
        _ => status,
    };
}
