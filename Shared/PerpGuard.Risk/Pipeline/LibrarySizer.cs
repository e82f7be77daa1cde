using PerpGuard.Risk.Sizing;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>The sizing library (<see cref="PositionSizer.Decide"/>) behind the planner's port.</summary>
    public sealed class LibrarySizer : IPositionSizer
    {
        public static readonly LibrarySizer Instance = new LibrarySizer();

        public SizingDecision Size(in SizingRequest request) => PositionSizer.Decide(request);
    }
}
