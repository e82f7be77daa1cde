namespace PerpGuard.Risk.Rules
{
    /// <summary>What an order would do to exposure. Reducing orders pass every daily limit.</summary>
    public enum OrderIntent
    {
        /// <summary>Opens a position or adds to one.</summary>
        Entry = 0,

        /// <summary>Closes or shrinks a position (stop, target, flatten): never blocked by a limit.</summary>
        Reduce = 1,
    }
}
