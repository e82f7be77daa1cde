using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>
    /// Branch-free forms of the few data-dependent choices on the simulation's hot path (which extreme a bar visits
    /// first, whether a quote makes a new high or low). Bar data is random to the branch predictor, and a
    /// misprediction costs more than the rest of the quote's bookkeeping. Each method returns exactly what the
    /// plain comparison it documents returns, NaN and signed zeros included.
    /// </summary>
    internal static class BranchFree
    {
        /// <summary><c>condition ? whenTrue : whenFalse</c>, bit for bit.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Select(bool condition, double whenTrue, double whenFalse)
        {
            long t = BitConverter.DoubleToInt64Bits(whenTrue);
            long f = BitConverter.DoubleToInt64Bits(whenFalse);
            long mask = -(long)(condition ? 1 : 0);
            return BitConverter.Int64BitsToDouble(f ^ ((t ^ f) & mask));
        }

        /// <summary><c>candidate &gt; current ? candidate : current</c> (NaN or equal zeros keep <paramref name="current"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Higher(double candidate, double current)
        {
            if (Sse2.IsSupported)
            {
                // MAXSD a, b = a > b ? a : b (Intel SDM), which is the comparison above exactly.
                return Sse2.MaxScalar(Vector128.CreateScalarUnsafe(candidate), Vector128.CreateScalarUnsafe(current)).ToScalar();
            }

            return candidate > current ? candidate : current;
        }

        /// <summary><c>candidate &lt; current ? candidate : current</c> (NaN or equal zeros keep <paramref name="current"/>).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static double Lower(double candidate, double current)
        {
            if (Sse2.IsSupported)
            {
                // MINSD a, b = a < b ? a : b (Intel SDM), which is the comparison above exactly.
                return Sse2.MinScalar(Vector128.CreateScalarUnsafe(candidate), Vector128.CreateScalarUnsafe(current)).ToScalar();
            }

            return candidate < current ? candidate : current;
        }
    }
}
