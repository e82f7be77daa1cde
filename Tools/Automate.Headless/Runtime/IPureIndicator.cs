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

    /// <summary>
    /// A pure built-in whose value at a closed bar is a function of a window of bars ending there, never of its own
    /// earlier values (a simple average of true ranges, not an exponential one): any closed bar can be calculated
    /// alone, in any order, to the same value. A read of a closed bar then calculates that bar only, not every bar
    /// since the last read; a bar passed over stays unwritten until a read reaches it (an unwritten or NaN value is
    /// calculated again when read, which for a pure indicator gives the same number). A robot that reads the ATR
    /// only when it has a signal pays for one bar, not for the bars in between.
    /// </summary>
    internal interface IWindowIndicator : IPureIndicator
    {
    }
}
