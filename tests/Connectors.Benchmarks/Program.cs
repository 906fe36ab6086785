using BenchmarkDotNet.Running;

// Run on demand: dotnet run -c Release --project tests/Connectors.Benchmarks -- --filter '*'
// Each benchmark class holds its own baseline (marked Baseline = true) measured in the same run, so results
// read as ratios; see docs/performance.md for the figures and the machine they came from.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
