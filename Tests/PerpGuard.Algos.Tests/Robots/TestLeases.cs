using System;
using System.Globalization;
using cAlgo.API;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The bots' instance-lease keys as docs/robots.md documents them (spelled here, not taken from the bots, so a
    /// changed key fails the tests), and a stand-in robot's write of a lease "as another instance".
    /// </summary>
    internal static class TestLeases
    {
        public static string ScalperKey(int account, string symbol, string storageKey) =>
            "PerpGuard.Scalper." + account.ToString(CultureInfo.InvariantCulture) + "." +
            symbol.Length.ToString(CultureInfo.InvariantCulture) + ":" + symbol + "." +
            storageKey.Length.ToString(CultureInfo.InvariantCulture) + ":" + storageKey + ".instance-lease";

        public static string GuardianKey(int account) => "PerpGuard.Guardian." + account.ToString(CultureInfo.InvariantCulture) + ".instance-lease";

        /// <summary>
        /// Writes the lease under <paramref name="logicalKey"/> for instance "intruder" on the first quote at or after
        /// <paramref name="takeAtUtc"/> (yyyy-MM-ddTHH:mm:ssZ), once; <paramref name="takenAtUtc"/> holds when (MaxValue before).
        /// </summary>
        public static void TakeOnce(Robot robot, string takeAtUtc, string logicalKey, ref DateTime takenAtUtc)
        {
            var now = robot.Server.TimeInUtc;
            var at = DateTime.ParseExact(takeAtUtc, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            if (takenAtUtc != DateTime.MaxValue || now < at)
            {
                return;
            }

            robot.LocalStorage.Reload(LocalStorageScope.Type);
            robot.LocalStorage.SetString(CTraderStorageKey.From(logicalKey), InstanceLease.Serialize("intruder", now), LocalStorageScope.Type);
            robot.LocalStorage.Flush(LocalStorageScope.Type);
            takenAtUtc = now;
        }
    }
}
