using CaseFlow.Cases.Applicants;

namespace CaseFlow.Tests.Citizens;

public sealed class PartitaIvaTests
{
    [Theory]
    [InlineData("01234567897")]
    [InlineData("IT01234567897")]
    [InlineData("12345678903")]
    [InlineData("00743110157")]
    public void A_partita_IVA_with_a_matching_check_digit_is_accepted(string vat) => Assert.Null(PartitaIva.Validate(vat));

    [Theory]
    [InlineData("01234567890", "cifra di controllo")]
    [InlineData("12345678901", "cifra di controllo")]
    [InlineData("0123456789", "11 cifre")]
    [InlineData("0123456789A", "11 cifre")]
    [InlineData("00000000000", "non è valida")]
    [InlineData("", "obbligatoria")]
    public void A_partita_IVA_of_the_wrong_length_or_check_digit_is_refused_in_Italian(string vat, string why) =>
        Assert.Contains(why, PartitaIva.Validate(vat));
}
