using CaseFlow.Cases.Messages;

namespace CaseFlow.Tests.Notifications;

public class ItalianPrepositionTests
{
    [Theory]
    [InlineData("Il Segretario generale del Comune di Limbiate", "al Segretario generale del Comune di Limbiate")]
    [InlineData("il Direttore generale", "al Direttore generale")]
    [InlineData("Lo Sportello unico", "allo Sportello unico")]
    [InlineData("La Dirigente dell'Area servizi", "alla Dirigente dell'Area servizi")]
    [InlineData("L'Assessore al bilancio", "all'Assessore al bilancio")]
    [InlineData("I Servizi Sociali", "ai Servizi Sociali")]
    [InlineData("Gli Uffici riuniti", "agli Uffici riuniti")]
    [InlineData("Le Commissioni", "alle Commissioni")]
    [InlineData("Dott.ssa Anna Colombo", "alla Dott.ssa Anna Colombo")]
    [InlineData("Dott. Marco Brambilla", "al Dott. Marco Brambilla")]
    [InlineData("Segretario generale", "al Segretario generale")]
    [InlineData("Mario Rossi", "a Mario Rossi")]
    [InlineData("Isabella Neri", "a Isabella Neri")] // a name beginning with "I" is not the article "I"
    public void A_name_gets_the_preposition_a_joined_with_its_article(string name, string expected) =>
        Assert.Equal(expected, ItalianPreposition.To(name));
}
