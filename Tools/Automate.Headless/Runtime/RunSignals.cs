namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// Raised whenever something changes that the engine's per-quote work depends on: a per-tick event gets or
    /// loses a subscriber, a timer starts or stops, an algo asks to stop or is stopped, another time frame is
    /// opened. The engine keeps a lean per-quote path while none of these is in use and re-examines the run
    /// only after a signal, so it need not test each of them on every quote.
    /// </summary>
    public sealed class RunSignals
    {
        /// <summary>True after <see cref="Raise"/> until the engine has looked (and cleared it).</summary>
        public bool Raised { get; private set; } = true;

        public void Raise() => Raised = true;

        internal void Clear() => Raised = false;
    }
}
