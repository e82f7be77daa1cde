using System;
using System.Collections.Generic;
using System.Linq;
using cAlgo.API;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Headless.Runtime;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// A live bot whose day changes less than a heartbeat (1 minute) after another instance took its book: its last
    /// renewal saw the lease as its own, so it used to save that change over the new holder's day and go on until its
    /// next renewal. It reads the lease again before every save now, saves nothing once it is lost, and stops saying
    /// why. One day of the Nautilus BTC-perp minutes (real data, venue not stated), RealTime mode with a storage folder; the other instance takes the lease
    /// at 12:00:15 and the day resets at 12:01 (a change to save, on the tick before the 12:01 renewal runs). The guardian's
    /// change is a manual trade closed at 12:00:30 (it renews a due lease before it acts on a tick, so a reset on the
    /// minute would meet its renewal first).
    /// </summary>
    public class LeaseLostBeforeSaveTests : LiveStorageTests
    {
        private static readonly DateTime TakeAt = new DateTime(2022, 1, 1, 12, 0, 15, DateTimeKind.Utc);

        private BacktestResult Run(params AlgoSpec[] algos)
        {
            var result = new BacktestEngine(LiveDay()).Run(algos);
            Assert.That(result.Errors, Is.Empty, string.Join("\n", result.Errors));
            return result;
        }

        private string? StoredDay(string typeName, string logicalKey) =>
            new FileLocalStorage(Storage, typeName, "reader").GetString(CTraderStorageKey.From(logicalKey), LocalStorageScope.Type);

        [Test]
        public void Guardian_TradeClosesAfterAnotherGuardianTookTheAccount_SavesNothingAndStops()
        {
            // A manual buy opened at 11:58 and closed by hand at 12:00:30: the guardian counts the close (a change to
            // save) 15 s after the other guardian took the account and 30 s before its own 12:01 renewal.
            var result = Run(
                AlgoSpec.Of<ManualRoundTrip>(new Dictionary<string, string> { ["OpenAtUtc"] = "2022-01-01T11:58:00Z", ["CloseAtUtc"] = "2022-01-01T12:00:30Z" }),
                AlgoSpec.Of<RestartedGuardian>(RobotRuns.Params(("JournalEnabled", false))),
                AlgoSpec.Of<StopIntruder.RestartedGuardian>(new Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(TakeAt) }));

            Assert.That(((StopIntruder.RestartedGuardian)result.Robots[2]).TakenAtUtc, Is.EqualTo(TakeAt));
            Assert.That(((ManualRoundTrip)result.Robots[0]).ClosedAtUtc, Is.EqualTo(new DateTime(2022, 1, 1, 12, 0, 30, DateTimeKind.Utc)), "premise: closed between the take and the renewal");
            Assert.That(StoredDay(nameof(RestartedGuardian), "PerpGuard.Guardian.1.daily-state"), Is.EqualTo(LeaseLostAtStopTests.HoldersDay), "the holder's day stands");
            Assert.That(result.Log.Count(l => l.Contains("Not trading: another instance (intruder) of PerpGuard.TradeGuardian")), Is.EqualTo(1));
        }

        [Test]
        public void Scalper_DayChangesAfterAnotherInstanceTookTheBook_SavesNothingAndStops()
        {
            var result = Run(
                AlgoSpec.Of<RestartedScalper>(RobotRuns.Params(("StorageKey", "k"), ("JournalEnabled", false), ("ResetTime", "12:01"))),
                AlgoSpec.Of<StopIntruder.RestartedScalper>(new Dictionary<string, string> { ["TakeAtUtc"] = RestartClock.Format(TakeAt), ["StorageKey"] = "k" }));

            Assert.That(((StopIntruder.RestartedScalper)result.Robots[1]).TakenAtUtc, Is.EqualTo(TakeAt));
            Assert.That(StoredDay(nameof(RestartedScalper), ScalperStateKeys.DailyStateLogical(1, "BTCUSD", "k")), Is.EqualTo(LeaseLostAtStopTests.HoldersDay), "the holder's day stands");
            Assert.That(result.Log.Count(l => l.Contains("Not trading: another instance (intruder)")), Is.EqualTo(1));
        }
    }

    /// <summary>A trader's manual round trip: buys the minimum at <c>OpenAtUtc</c> and closes it at <c>CloseAtUtc</c> (first quotes at or after).</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class ManualRoundTrip : Robot
    {
        [Parameter("Open at (UTC)", DefaultValue = "")]
        public string OpenAtUtc { get; set; } = string.Empty;

        [Parameter("Close at (UTC)", DefaultValue = "")]
        public string CloseAtUtc { get; set; } = string.Empty;

        public DateTime ClosedAtUtc { get; private set; } = DateTime.MaxValue;

        private Position? _position;

        protected override void OnTick()
        {
            var now = Server.TimeInUtc;
            if (_position is null && ClosedAtUtc == DateTime.MaxValue && now >= Utc(OpenAtUtc))
            {
                _position = ExecuteMarketOrder(TradeType.Buy, SymbolName, Symbol.VolumeInUnitsMin, "manual").Position;
            }
            else if (_position is not null && now >= Utc(CloseAtUtc))
            {
                ClosePosition(_position);
                _position = null;
                ClosedAtUtc = now;
            }
        }

        private static DateTime Utc(string text) =>
            DateTime.Parse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
    }
}
