using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CaseFlow.Cases.Procedures.Forms;
using CaseFlow.ServiceDefaults.Outcomes;
using Microsoft.Extensions.DependencyInjection;

namespace CaseFlow.Tests.Cases;

/// <summary>The intake forms the shipped procedures declare, and the one set of rules the pages and the API apply.</summary>
public class ProcedureFormTests(CasesFixture fixture) : IClassFixture<CasesFixture>
{
    private T Service<T>() where T : notnull => fixture.App.Services.GetRequiredService<T>();

    private async Task<Procedure> ProcedureAsync(string id)
    {
        var read = await Service<ProcedureForm>().ReadAsync(id, CancellationToken.None);
        Assert.True(read.Succeeded, read.Problem?.Message);
        return read.Value;
    }

    private async Task<FormCheck> CheckAsync(string procedureId, JsonObject data) =>
        Service<ProcedureForm>().Check(await ProcedureAsync(procedureId), data);

    private static string[] Fields(FormCheck check) => [.. check.Problems.Select(p => p.Field)];

    [Theory]
    [InlineData("assegno-maternita", "iseeEuro")]
    [InlineData("contributo-anziani", "iseeEuro")]
    [InlineData("mensa-scolastica", "scuola")]
    [InlineData("mensa-scolastica", "classe")]
    [InlineData("cambio-residenza", "indirizzo")]
    [InlineData("contrassegno-disabili", "tipoInvalidita")]
    [InlineData("invalidita-civile", "numeroCertificato")]
    public async Task Every_shipped_procedure_declares_its_form_as_Elsa_inputs_with_the_rules_in_custom_properties(string procedureId, string field)
    {
        var procedure = await ProcedureAsync(procedureId);
        Assert.True(procedure.Form.Declared);
        var declared = procedure.Form.Field(field);
        Assert.NotNull(declared);
        Assert.True(declared.Required);
        Assert.False(string.IsNullOrWhiteSpace(declared.Label));
        Assert.Contains(procedure.Form.Steps, s => s.Id == declared.Step);
        Assert.True((await CheckAsync(procedureId, CaseDesk.SampleForm(procedureId))).Valid);
    }

    [Fact]
    public async Task A_missing_required_field_is_named_with_an_Italian_message_and_every_missing_one_is_reported()
    {
        var check = await CheckAsync("contributo-anziani", []);

        Assert.False(check.Valid);
        Assert.Equal(["formData.iseeEuro", "formData.componentiNucleo", "formData.motivoRichiesta", "formData.iban"], Fields(check));
        Assert.StartsWith("Il campo «Valore ISEE ordinario (euro)» è obbligatorio.", check.Problems[0].Message);
    }

    [Theory]
    [InlineData("12500", 12500)]
    [InlineData("12.500", 12500)]
    [InlineData("12.500,50", 12500.50)]
    [InlineData("12500,5", 12500.5)]
    [InlineData("12500.50", 12500.50)]
    [InlineData("€ 9.800,00", 9800)]
    public async Task Numbers_typed_at_the_desk_the_Italian_way_reach_the_workflow_as_numbers(string typed, double expected)
    {
        var check = await CheckAsync("contributo-anziani", CaseDesk.SampleForm("contributo-anziani", new JsonObject { ["iseeEuro"] = typed, ["componentiNucleo"] = "2" }));

        Assert.True(check.Valid, string.Join("; ", check.Problems.Select(p => p.Message)));
        Assert.Equal((decimal)expected, check.Values["iseeEuro"]!.GetValue<decimal>());
        Assert.Equal(2L, check.Values["componentiNucleo"]!.GetValue<long>());
    }

    [Theory]
    [InlineData("iseeEuro", "dodicimila", "deve essere un numero")]
    [InlineData("iseeEuro", "-1", "non può essere inferiore a 0")]
    [InlineData("componentiNucleo", "1,5", "deve essere un numero intero")]
    [InlineData("componentiNucleo", "0", "non può essere inferiore a 1")]
    [InlineData("componentiNucleo", "21", "non può essere superiore a 20")]
    public async Task Numbers_out_of_their_declared_kind_or_range_are_refused(string field, string typed, string message)
    {
        var check = await CheckAsync("contributo-anziani", CaseDesk.SampleForm("contributo-anziani", new JsonObject { [field] = typed }));

        var problem = Assert.Single(check.Problems);
        Assert.Equal($"formData.{field}", problem.Field);
        Assert.Contains(message, problem.Message);
    }

    [Theory]
    [InlineData("3b", false)]
    [InlineData("3B", true)]
    [InlineData("10B", false)]
    [InlineData(" 4A ", true)]
    public async Task A_declared_pattern_is_matched_whole_with_its_own_message(string classe, bool valid)
    {
        var check = await CheckAsync("mensa-scolastica", CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["classe"] = classe }));

        Assert.Equal(valid, check.Valid);
        if (!valid)
        {
            Assert.Equal("formData.classe", Assert.Single(check.Problems).Field);
            Assert.StartsWith("Indicare la classe con una cifra e la sezione", check.Problems[0].Message);
        }
        else
        {
            Assert.Equal(classe.Trim(), check.Values["classe"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Only_the_declared_options_are_accepted()
    {
        var bad = await CheckAsync("mensa-scolastica", CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["scuola"] = "liceo-inesistente" }));
        var good = await CheckAsync("mensa-scolastica", CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["scuola"] = "secondaria-verdi" }));

        Assert.Equal("formData.scuola", Assert.Single(bad.Problems).Field);
        Assert.Contains("scegliere una delle voci proposte", bad.Problems[0].Message);
        Assert.True(good.Valid);
    }

    [Fact]
    public async Task A_field_required_when_a_box_is_checked_is_required_only_then_and_a_checkbox_arrives_as_a_boolean()
    {
        var withoutReduction = await CheckAsync("mensa-scolastica", CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = null }));
        var reductionWithoutIsee = await CheckAsync("mensa-scolastica", CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = "on" }));

        Assert.True(withoutReduction.Valid);
        Assert.False(withoutReduction.Values["richiestaRiduzione"]!.GetValue<bool>());
        Assert.Equal("formData.iseeEuro", Assert.Single(reductionWithoutIsee.Problems).Field);
    }

    [Fact]
    public async Task Dates_are_read_as_typed_at_the_desk_and_a_date_after_today_is_refused_where_the_form_says_so()
    {
        var typed = await CheckAsync("contrassegno-disabili", CaseDesk.SampleForm("contrassegno-disabili", new JsonObject { ["dataCertificato"] = "10/02/2020" }));
        var future = await CheckAsync("contrassegno-disabili", CaseDesk.SampleForm("contrassegno-disabili", new JsonObject { ["dataCertificato"] = "2999-01-01" }));
        var notADate = await CheckAsync("contrassegno-disabili", CaseDesk.SampleForm("contrassegno-disabili", new JsonObject { ["dataCertificato"] = "31/02/2020" }));

        Assert.Equal("2020-02-10", typed.Values["dataCertificato"]!.GetValue<string>());
        Assert.Contains("non può essere successiva", Assert.Single(future.Problems).Message);
        Assert.Contains("deve essere una data", Assert.Single(notADate.Problems).Message);
    }

    [Fact]
    public async Task A_field_the_procedure_does_not_declare_is_refused()
    {
        var check = await CheckAsync("cambio-residenza", CaseDesk.SampleForm("cambio-residenza", new JsonObject { ["isAdmin"] = true }));

        Assert.Equal("formData.isAdmin", Assert.Single(check.Problems).Field);
    }

    [Fact]
    public async Task Validate_names_the_first_field_and_carries_all_of_them()
    {
        var procedure = await ProcedureAsync("cambio-residenza");
        var outcome = Service<ProcedureForm>().Validate(procedure, new JsonObject { ["indirizzo"] = " " });

        Assert.False(outcome.Succeeded);
        Assert.Equal("formData.indirizzo", outcome.Problem.Field);
        Assert.Equal(["formData.indirizzo", "formData.dataDecorrenza", "formData.provenienza", "formData.componentiTrasferiti"],
            outcome.Problem.All.Select(p => p.Field));
    }

    [Fact]
    public async Task The_API_refuses_a_bad_form_with_a_400_naming_formData_field_and_starts_nothing()
    {
        var cases = await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases");
        var application = CaseDesk.Application("contributo-anziani", new JsonObject { ["iseeEuro"] = "molto basso" });

        var response = await (await fixture.Desk.FrontDesk).PostAsJsonAsync("/api/cases", application);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.NotNull(problem["errors"]!["formData.iseeEuro"]);
        Assert.Equal(cases, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases"));
    }

    [Fact]
    public async Task A_bundle_checks_each_procedure_by_its_own_form_names_every_bad_field_by_position_and_starts_nothing()
    {
        var cases = await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases");
        var intake = new IntakeRequest(new CitizenInput(CaseDesk.ValidFiscalCode, "Mario", "Rossi", null, null, "it"),
        [
            new BundleItem("cambio-residenza", null, CaseDesk.SampleForm("cambio-residenza")),
            new BundleItem("mensa-scolastica", null, CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["classe"] = "terza" })),
            new BundleItem("contributo-anziani", null, CaseDesk.SampleForm("contributo-anziani", new JsonObject { ["iban"] = null, ["indirizzo"] = "Via Roma 1" })),
        ], "desk", null, null, Bundle: true);

        var refused = await Service<CaseIntake>().StartAsync(new IntakeCommand(intake, "operatore"), CancellationToken.None);

        Assert.False(refused.Succeeded);
        Assert.Equal(ProblemKind.Validation, refused.Problem.Kind);
        Assert.Equal(["procedures[1].formData.classe", "procedures[2].formData.indirizzo", "procedures[2].formData.iban"],
            refused.Problem.All.Select(p => p.Field));
        Assert.Equal(cases, await fixture.Desk.ScalarAsync<long>("SELECT count(*) FROM cases"));
    }

    [Fact]
    public async Task A_bundle_of_valid_forms_stores_each_procedure_s_typed_values()
    {
        var intake = new IntakeRequest(new CitizenInput("BNCGPP75C12H501R", "Giuseppe", "Bianchi", null, null, "it"),
        [
            new BundleItem("cambio-residenza", null, CaseDesk.SampleForm("cambio-residenza", new JsonObject { ["componentiTrasferiti"] = "3" })),
            new BundleItem("mensa-scolastica", null, CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = "true", ["iseeEuro"] = "8.400,00" })),
        ], "desk", null, null, Bundle: true);

        var started = await Service<CaseIntake>().StartAsync(new IntakeCommand(intake, "operatore"), CancellationToken.None);

        Assert.True(started.Succeeded, started.Problem?.Message);
        var stored = await fixture.Desk.ScalarAsync<string>(
            "SELECT string_agg(form_data::text, '|' ORDER BY procedure_id) FROM case_procedures WHERE case_id = @c", ("c", started.Value.CaseId));
        var forms = stored!.Split('|').Select(text => JsonNode.Parse(text)!.AsObject()).ToArray();
        Assert.Equal(3L, forms[0]["componentiTrasferiti"]!.GetValue<long>());
        Assert.True(forms[1]["richiestaRiduzione"]!.GetValue<bool>());
        Assert.Equal(8400m, forms[1]["iseeEuro"]!.GetValue<decimal>());
    }

    private static string English(string message) => message.Split(" / ") is [_, var english] ? english : throw new Xunit.Sdk.XunitException($"No English half: {message}");

    private static string Italian(string message) => message.Split(" / ")[0];

    [Fact]
    public async Task Every_shipped_procedure_gives_each_field_step_and_option_an_English_text_while_the_Elsa_inputs_stay_Italian()
    {
        var procedures = (await Service<ProcedureCatalogue>().ListAsync(CancellationToken.None)).Where(p => p.Form.Declared).ToList();
        Assert.Equal(6, procedures.Count);
        foreach (var procedure in procedures)
        {
            Assert.All(procedure.Form.Steps, s => Assert.False(string.IsNullOrWhiteSpace(s.EnglishTitle), $"{procedure.Id}: step {s.Id}"));
            foreach (var field in procedure.Form.Fields)
            {
                var en = field.English ?? throw new Xunit.Sdk.XunitException($"{procedure.Id}.{field.Name} has no English text");
                Assert.False(string.IsNullOrWhiteSpace(en.Label), $"{procedure.Id}.{field.Name}");
                Assert.NotEqual(field.Label, en.Label);
                Assert.Equal(field.Options.Select(o => o.Value).Order(), en.Options.Keys.Order());
                Assert.Equal(field.Description is { Length: > 0 }, en.Description is not null);
                Assert.Equal(field.Help is not null, en.Help is not null);
                Assert.Equal(field.PatternMessage is not null, en.PatternMessage is not null);
                // One language a text: the Italian pattern message no longer carries the English after a slash.
                Assert.DoesNotContain(" / ", field.PatternMessage ?? "");
            }
        }

        // The Studio's Input tab edits the Elsa inputs: their display names are still the Italian labels.
        var definition = await Service<CaseFlow.Workflows.Definitions.DefinitionStore>().FindAsync("contrassegno-disabili",
            CaseFlow.Workflows.Definitions.VersionOptions.Published, CancellationToken.None);
        var inputs = definition!.Document["inputs"]!.AsArray().Select(i => (i!["name"]!.GetValue<string>(), i["displayName"]!.GetValue<string>())).ToList();
        Assert.Contains(("tipoInvalidita", "Certificazione medica"), inputs);
        Assert.Equal("Medical certificate", (await ProcedureAsync("contrassegno-disabili")).Form.Field("tipoInvalidita")!.English!.Label);
    }

    [Fact]
    public async Task The_form_rules_name_each_field_by_its_English_label_in_the_English_half_of_every_message()
    {
        var check = await CheckAsync("contrassegno-disabili", new JsonObject
        {
            ["tipoRichiesta"] = "smarrimento", ["targa"] = "ab 123", ["dataCertificato"] = "2999-01-01",
        });

        var byField = check.Problems.ToDictionary(p => p.Field, p => p.Message);
        Assert.Equal("Il campo «Certificazione medica» è obbligatorio.", Italian(byField["formData.tipoInvalidita"]));
        Assert.Equal("«Medical certificate» is required.", English(byField["formData.tipoInvalidita"]));
        Assert.Equal("«Type of request»: choose one of the options offered (First issue, Renewal, Duplicate after theft or loss).",
            English(byField["formData.tipoRichiesta"]));
        Assert.StartsWith("«Tipo di richiesta»: scegliere una delle voci proposte (Primo rilascio,", Italian(byField["formData.tipoRichiesta"]));
        Assert.Equal("La targa ha due lettere, tre cifre e due lettere maiuscole, senza spazi (es. AB123CD).", Italian(byField["formData.targa"]));
        Assert.Equal("A number plate is two letters, three digits and two letters, in capitals and without spaces (e.g. AB123CD).", English(byField["formData.targa"]));
        Assert.StartsWith("«Date of the medical certificate» cannot be after ", English(byField["formData.dataCertificato"]));

        var numbers = await CheckAsync("contributo-anziani", CaseDesk.SampleForm("contributo-anziani", new JsonObject { ["iseeEuro"] = "2000000", ["componentiNucleo"] = "1,5" }));
        var numberErrors = numbers.Problems.ToDictionary(p => p.Field, p => p.Message);
        Assert.Equal("«Ordinary ISEE (euro)» cannot be more than 1,000,000.", English(numberErrors["formData.iseeEuro"]));
        Assert.Equal("«Valore ISEE ordinario (euro)» non può essere superiore a 1.000.000.", Italian(numberErrors["formData.iseeEuro"]));
        Assert.Equal("«Members of the household» must be a whole number.", English(numberErrors["formData.componentiNucleo"]));

        var school = await CheckAsync("mensa-scolastica", CaseDesk.SampleForm("mensa-scolastica", new JsonObject { ["richiestaRiduzione"] = "true" }));
        Assert.Equal("«ISEE (euro)» is required.", English(Assert.Single(school.Problems).Message));
    }

    [Fact]
    public async Task A_form_shown_in_English_has_the_English_labels_help_placeholders_options_and_steps_and_the_same_rules()
    {
        var form = (await ProcedureAsync("assegno-maternita")).Form;
        var english = form.Localized(english: true);

        Assert.Same(form, form.Localized(english: false));
        Assert.Equal(["The child", "Requirements", "Payment"], english.Steps.Select(s => s.Title));
        Assert.Equal(form.Steps.Select(s => s.Id), english.Steps.Select(s => s.Id));
        var event_ = english.Field("tipoEvento")!;
        Assert.Equal("Event", event_.Label);
        Assert.Equal(["Birth", "Adoption", "Pre-adoptive foster care"], event_.Options.Select(o => o.Label));
        Assert.Equal(["nascita", "adozione", "affidamento"], event_.Options.Select(o => o.Value));
        var isee = english.Field("iseeEuro")!;
        Assert.Equal(("ISEE for minors (euro)", "From the current ISEE certificate.", "12500.00"), (isee.Label, isee.Description, isee.Placeholder));
        Assert.StartsWith("The amount in euros", isee.Help);
        Assert.Equal(form.Fields.Select(f => (f.Name, f.Kind, f.Required, f.Pattern, f.Min, f.Max, f.Step)),
            english.Fields.Select(f => (f.Name, f.Kind, f.Required, f.Pattern, f.Min, f.Max, f.Step)));
        Assert.Equal(english.FieldsOf(english.Steps[0]).Select(f => f.Name), form.FieldsOf(form.Steps[0]).Select(f => f.Name));

        // The English placeholder is read as the number it shows.
        Assert.Equal(12500m, FormRules.ParseItalian(isee.Placeholder!));
    }

    [Theory]
    [InlineData("12.500,50", "12500.50")]
    [InlineData("12500,50", "12500.50")]
    [InlineData("12.500", "12500")]
    [InlineData("12500.50", "12500.50")]
    [InlineData("12,500.00", "12500.00")]
    [InlineData("1,234,567.8", "1234567.8")]
    [InlineData("€ 9.800,00", "9800.00")]
    public void An_amount_written_the_Italian_or_the_English_way_is_read_as_the_number_it_shows(string typed, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), FormRules.ParseItalian(typed));

    [Theory]
    [InlineData("12,50.0")]
    [InlineData("1,2,3.4")]
    [InlineData("dodici")]
    public void An_amount_that_is_neither_Italian_nor_English_is_refused_rather_than_guessed(string typed) =>
        Assert.Null(FormRules.ParseItalian(typed));
}
