using System.Collections.Generic;

namespace PerpGuard.Headless.Tests.BuiltInIndicators
{
    /// <summary>Bit-for-bit equality of indicator values, NaN equal to NaN (a warm-up bar has no value in either run).</summary>
    internal sealed class NanEqual : IEqualityComparer<double>
    {
        public static readonly NanEqual Instance = new NanEqual();

        public bool Equals(double x, double y) => x.Equals(y);

        public int GetHashCode(double obj) => obj.GetHashCode();
    }
}
