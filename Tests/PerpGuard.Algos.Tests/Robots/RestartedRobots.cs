using System;
using System.Globalization;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>
    /// The documented LocalStorage keys (Type scope) of the scalper's daily state, written out here so a change of
    /// the key (which would lose every trader's saved day at the upgrade) fails a test: the logical key, stored in
    /// cTrader's key form (<see cref="PerpGuard.Risk.Persistence.CTraderStorageKey"/>, pinned by its own tests).
    /// </summary>
    internal static class ScalperStateKeys
    {
        public static string DailyState(int account, string symbol, string storageKey) =>
            PerpGuard.Risk.Persistence.CTraderStorageKey.From(DailyStateLogical(account, symbol, storageKey));

        public static string DailyStateLogical(int account, string symbol, string storageKey) =>
            "PerpGuard.Scalper." + account.ToString(CultureInfo.InvariantCulture) + "." + symbol.Length.ToString(CultureInfo.InvariantCulture) + ":" + symbol + "." +
            storageKey.Length.ToString(CultureInfo.InvariantCulture) + ":" + storageKey + ".daily-state";
    }

    /// <summary>
    /// A restart inside one backtest: one instance stops itself at <c>StopAtUtc</c> (its state written to the storage
    /// folder as cTrader writes LocalStorage on stop), another starts at <c>StartAtUtc</c> and finds that state and
    /// the positions left open — what a trader restarting the bot on a live account gets.
    /// </summary>
    internal sealed class RestartClock
    {
        private readonly DateTime _startAt;
        private readonly DateTime _stopAt;

        public RestartClock(string startAtUtc, string stopAtUtc)
        {
            _startAt = Parse(startAtUtc, DateTime.MinValue);
            _stopAt = Parse(stopAtUtc, DateTime.MaxValue);
        }

        public bool Running { get; set; }

        public bool StartsAtOnce => _startAt == DateTime.MinValue;

        public bool DueToStart(DateTime now) => !Running && now >= _startAt;

        public bool DueToStop(DateTime now) => Running && now >= _stopAt;

        /// <summary>What a tick at <paramref name="now"/> means for the instance: start it, stop it, run it, or wait.</summary>
        public RestartStep Step(DateTime now) =>
            DueToStart(now) ? RestartStep.Start : DueToStop(now) ? RestartStep.Stop : Running ? RestartStep.Run : RestartStep.Wait;

        public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static DateTime Parse(string text, DateTime none) =>
            string.IsNullOrEmpty(text) ? none : DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    internal enum RestartStep
    {
        Wait,
        Start,
        Stop,
        Run,
    }

    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class RestartedScalper : RiskManagedScalper
    {
        /// <summary>What a garbled key holds: a record cut short.</summary>
        public const string Garbled = "{\"schema\":\"perpguard.";

        private RestartClock? _restart;

        [Parameter("Start at (UTC)", DefaultValue = "")]
        public string StartAtUtc { get; set; } = string.Empty;

        [Parameter("Stop at (UTC)", DefaultValue = "")]
        public string StopAtUtc { get; set; } = string.Empty;

        /// <summary>Starts as a newly added instance: its own, empty Instance storage (Type storage shared).</summary>
        [Parameter("New instance", DefaultValue = false)]
        public bool NewInstance { get; set; }

        /// <summary>Removes this LocalStorage key before starting (a record lost or never written).</summary>
        [Parameter("Forget key", DefaultValue = "")]
        public string ForgetKey { get; set; } = string.Empty;

        /// <summary>Overwrites this Type-scope LocalStorage key with text that is no record before starting (a record corrupted).</summary>
        [Parameter("Garble type key", DefaultValue = "")]
        public string GarbleTypeKey { get; set; } = string.Empty;

        protected override void OnStart()
        {
            _restart = new RestartClock(StartAtUtc, StopAtUtc);
            if (_restart.StartsAtOnce)
            {
                StartNow();
            }
        }

        protected override void OnTick()
        {
            switch (_restart!.Step(Time))
            {
                case RestartStep.Start:
                    StartNow();
                    break;
                case RestartStep.Stop:
                    Stop();
                    break;
                case RestartStep.Run:
                    base.OnTick();
                    break;
            }
        }

        protected override void OnBar()
        {
            if (_restart!.Running)
            {
                base.OnBar();
            }
        }

        protected override void OnStop()
        {
            if (_restart!.Running)
            {
                base.OnStop();
                ((FileLocalStorage)LocalStorage).FlushAll();
            }
        }

        private void StartNow()
        {
            if (NewInstance)
            {
                ((FileLocalStorage)LocalStorage).StartAsNewInstance();
            }

            if (ForgetKey.Length > 0)
            {
                LocalStorage.Remove(ForgetKey, LocalStorageScope.Instance);
            }

            if (GarbleTypeKey.Length > 0)
            {
                LocalStorage.SetString(GarbleTypeKey, Garbled, LocalStorageScope.Type);
            }

            _restart!.Running = true;
            base.OnStart();
        }
    }
}

namespace PerpGuard.Algos.Tests.Robots
{
    /// <summary>TradeGuardian stopped at <c>StopAtUtc</c> and/or started late at <c>StartAtUtc</c> (see <see cref="RestartClock"/>).</summary>
    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class RestartedGuardian : TradeGuardian
    {
        private RestartClock? _restart;

        [Parameter("Start at (UTC)", DefaultValue = "")]
        public string StartAtUtc { get; set; } = string.Empty;

        [Parameter("Stop at (UTC)", DefaultValue = "")]
        public string StopAtUtc { get; set; } = string.Empty;

        /// <summary>Starts as a newly added instance: its own, empty Instance storage (Type storage shared).</summary>
        [Parameter("New instance", DefaultValue = false)]
        public bool NewInstance { get; set; }

        /// <summary>Overwrites this Type-scope LocalStorage key with <see cref="RestartedScalper.Garbled"/> before starting.</summary>
        [Parameter("Garble type key", DefaultValue = "")]
        public string GarbleTypeKey { get; set; } = string.Empty;

        protected override void OnStart()
        {
            _restart = new RestartClock(StartAtUtc, StopAtUtc);
            if (_restart.StartsAtOnce)
            {
                StartNow();
            }
        }

        private void StartNow()
        {
            if (NewInstance)
            {
                ((FileLocalStorage)LocalStorage).StartAsNewInstance();
            }

            if (GarbleTypeKey.Length > 0)
            {
                LocalStorage.SetString(GarbleTypeKey, RestartedScalper.Garbled, LocalStorageScope.Type);
            }

            _restart!.Running = true;
            base.OnStart();
        }

        protected override void OnTick()
        {
            switch (_restart!.Step(Time))
            {
                case RestartStep.Start:
                    StartNow();
                    break;
                case RestartStep.Stop:
                    Stop();
                    break;
                case RestartStep.Run:
                    base.OnTick();
                    break;
            }
        }

        protected override void OnBar()
        {
            if (_restart!.Running)
            {
                base.OnBar();
            }
        }

        protected override void OnStop()
        {
            if (_restart!.Running)
            {
                base.OnStop();
                ((FileLocalStorage)LocalStorage).FlushAll();
            }
        }
    }
}
