namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// A built-in indicator whose value at a closed bar depends only on data up to that bar and whose Calculate
    /// has no side effects (no drawing, no printing). Reading a closed bar of it then needs no calculation of the
    /// forming bar, which nobody could observe: robots that read Last(1) every tick skip that work. Each closed
    /// bar is still calculated once, as in cTrader, at the first read that reaches it; over a source the robot
    /// writes itself (CreateDataSeries) and revises after the bar closed, that read may come later than the old
    /// "any read calculates every closed bar" did, and see the revision. Algos' own indicators never get this:
    /// cTrader calculates their last bar on every read, and they may draw there.
    /// </summary>
    internal interface IPureIndicator
    {
    }
}
