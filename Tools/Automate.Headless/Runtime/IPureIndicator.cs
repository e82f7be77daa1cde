namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// A built-in indicator whose value at a closed bar depends only on data up to that bar and whose Calculate
    /// has no side effects (no drawing, no printing). Reading a closed bar of it then needs no calculation of the
    /// forming bar, which nobody could observe: robots that read Last(1) every tick skip that work. Algos' own
    /// indicators never get this: cTrader calculates their last bar on every read, and they may draw there.
    /// </summary>
    internal interface IPureIndicator
    {
    }
}
