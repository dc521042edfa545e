using CaseFlow.Bench.Outbox;

// Sub-commands: dotnet run -c Release --project bench/CaseFlow.Bench -- <command>
var commands = new Dictionary<string, Func<string[], Task<int>>>(StringComparer.OrdinalIgnoreCase)
{
    ["outbox"] = OutboxBench.RunAsync,
    ["runtime"] = CaseFlow.Bench.Runtime.RuntimeBench.RunAsync,
    ["http"] = CaseFlow.Bench.Http.HttpBench.RunAsync,
    ["idle"] = CaseFlow.Bench.Http.IdleBench.RunAsync,
    ["memory"] = CaseFlow.Bench.Http.MemoryBench.RunAsync,
    ["indicators"] = CaseFlow.Bench.Indicators.IndicatorsBench.RunAsync,
    ["scale"] = CaseFlow.Bench.Scale.ScaleBench.RunAsync,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: CaseFlow.Bench <{string.Join("|", commands.Keys)}> [options]");
    return 2;
}

return await command(args[1..]);
