using PerpGuard.Risk.Primitives;

namespace PerpGuard.Risk.Stops
{
    /// <summary>Stops only move in the trade's favour.</summary>
    public static class StopRatchet
    {
        /// <summary>The tighter of two stops: the higher for a long, the lower for a short.</summary>
        public static double Tighter(TradeSide side, double current, double candidate)
        {
            if (double.IsNaN(candidate))
            {
                return current;
            }

            if (double.IsNaN(current))
            {
                return candidate;
            }

            return side == TradeSide.Long ? (candidate > current ? candidate : current) : (candidate < current ? candidate : current);
        }
    }
}
