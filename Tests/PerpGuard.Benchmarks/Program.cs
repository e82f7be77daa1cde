using BenchmarkDotNet.Running;

namespace PerpGuard.Benchmarks
{
    public static class Program
    {
        // `build.ps1 bench` runs every benchmark in Release; pass BenchmarkDotNet filters after `--`.
        public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
