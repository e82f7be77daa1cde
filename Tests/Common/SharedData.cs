using System;
using System.IO;

namespace PerpGuard.Tests.Common
{
    /// <summary>
    /// Finds the real market data in ../shared/data (beside the repository; CI always has it).
    /// Tests that need it call <see cref="RequireFile"/>, which ignores the test when it is absent.
    /// PERPGUARD_SHARED_DATA overrides the location.
    /// </summary>
    public static class SharedData
    {
        public static string? Root { get; } = Locate();

        public static string RequireFile(string relativePath)
        {
            if (Root is null)
            {
                Assert.Ignore("../shared/data is not present beside the repository; this test needs real market data.");
            }

            var path = Path.Combine(Root!, relativePath);
            if (!File.Exists(path))
            {
                Assert.Ignore($"Shared data file {relativePath} is not present.");
            }

            return path;
        }

        private static string? Locate()
        {
            var fromEnv = Environment.GetEnvironmentVariable("PERPGUARD_SHARED_DATA");
            if (!string.IsNullOrEmpty(fromEnv) && Directory.Exists(fromEnv))
            {
                return fromEnv;
            }

            // Walk up from the test binaries to the repository root (the folder with Plugins.sln),
            // then look beside it.
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Plugins.sln")))
            {
                dir = dir.Parent;
            }

            if (dir?.Parent is null)
            {
                return null;
            }

            var candidate = Path.Combine(dir.Parent.FullName, "shared", "data");
            return Directory.Exists(candidate) ? candidate : null;
        }
    }
}
