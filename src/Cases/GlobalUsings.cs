// The desk's features know each other by name; the engine and the calculator are the desk's dependencies.
global using CaseFlow.Cases.CaseFile;
global using CaseFlow.Cases.Deadlines;
global using CaseFlow.Cases.Documents;
global using CaseFlow.Cases.FinalAct;
global using CaseFlow.Cases.Intake;
global using CaseFlow.Cases.Integration;
global using CaseFlow.Cases.LegalClock;
global using CaseFlow.Cases.Messages;
global using CaseFlow.Cases.Organisation;
global using CaseFlow.Cases.Procedures;
global using CaseFlow.Cases.Protocol;
global using CaseFlow.Cases.Retention;
global using CaseFlow.Cases.Satisfaction;
global using CaseFlow.Cases.Steps;
global using CaseFlow.Cases.Tasks;
global using CaseFlow.Cases.Tracking;
global using CaseFlow.Terms;
