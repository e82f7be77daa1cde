using System;
using System.Globalization;
using cAlgo.API;
using cAlgo.Robots;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Algos.Tests.Robots
{
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

        public static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

        private static DateTime Parse(string text, DateTime none) =>
            string.IsNullOrEmpty(text) ? none : DateTime.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
    }

    [Robot(AccessRights = AccessRights.None, TimeZone = TimeZones.UTC)]
    public class RestartedScalper : RiskManagedScalper
    {
        private RestartClock? _restart;

        [Parameter("Start at (UTC)", DefaultValue = "")]
        public string StartAtUtc { get; set; } = string.Empty;

        [Parameter("Stop at (UTC)", DefaultValue = "")]
        public string StopAtUtc { get; set; } = string.Empty;

        /// <summary>Removes this LocalStorage key before starting (a record lost or never written).</summary>
        [Parameter("Forget key", DefaultValue = "")]
        public string ForgetKey { get; set; } = string.Empty;

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
            if (_restart!.DueToStart(Time))
            {
                StartNow();
                return;
            }

            if (_restart.DueToStop(Time))
            {
                Stop();
                return;
            }

            if (_restart.Running)
            {
                base.OnTick();
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
            if (ForgetKey.Length > 0)
            {
                LocalStorage.Remove(ForgetKey, LocalStorageScope.Instance);
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

        protected override void OnStart()
        {
            _restart = new RestartClock(StartAtUtc, StopAtUtc);
            if (_restart.StartsAtOnce)
            {
                _restart.Running = true;
                base.OnStart();
            }
        }

        protected override void OnTick()
        {
            if (_restart!.DueToStart(Time))
            {
                _restart.Running = true;
                base.OnStart();
                return;
            }

            if (_restart.DueToStop(Time))
            {
                Stop();
                return;
            }

            if (_restart.Running)
            {
                base.OnTick();
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
