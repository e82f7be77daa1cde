using System;

namespace cAlgo.API
{
    /// <summary>
    /// cTrader: "Represents errors that occur during local storage operations" (help.ctrader.com, LocalStorageException).
    /// The stand-in throws it from a read of a scope whose file was unreadable (see PerpGuard.Headless.Runtime.FileLocalStorage)
    /// and when a write cannot get the file. Only the type is in both builds; its constructor is the stand-in's own.
    /// </summary>
    public sealed class LocalStorageException : Exception
    {
        internal LocalStorageException(string message)
            : base(message)
        {
        }

        internal LocalStorageException(string message, Exception inner)
            : base(message, inner)
        {
        }
    }
}
