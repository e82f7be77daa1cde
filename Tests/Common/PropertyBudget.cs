using System;
using System.Globalization;

namespace PerpGuard.Tests.Common
{
    /// <summary>
    /// How many cases each FsCheck property runs: 1,000 by default (CI), 10,000 with
    /// `build.ps1 test -Deep` (which sets PERPGUARD_PROPERTY_CASES).
    /// </summary>
    public static class PropertyBudget
    {
        public const int Default = 1000;

        public static int MaxTest { get; } = Read();

        /// <summary>FsCheck configuration that throws on the first counter-example, with the budget above.</summary>
        public static FsCheck.Config Config => FsCheck.Config.QuickThrowOnFailure.WithMaxTest(MaxTest);

        private static int Read()
        {
            var text = Environment.GetEnvironmentVariable("PERPGUARD_PROPERTY_CASES");
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : Default;
        }
    }
}
