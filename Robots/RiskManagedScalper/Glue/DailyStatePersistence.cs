using System;
using System.Globalization;
using Newtonsoft.Json;
using PerpGuard.Risk.Daily;
using PerpGuard.Risk.Persistence;
using PerpGuard.Risk.Rules;
using PerpGuard.Risk.Time;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// Saves and restores the day's state in LocalStorage as one versioned JSON record (one key, so a
    /// write is all-or-nothing). Anything unreadable comes back as Corrupt, which the tracker turns into
    /// "halted until the next reset" — never a silent fresh day.
    /// </summary>
    internal sealed class DailyStatePersistence
    {
        public const string Key = "daily-state";

        private readonly LocalStorageStore _store;

        public DailyStatePersistence(LocalStorageStore store)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
        }

        public void Save(DailyState state)
        {
            var record = new Record
            {
                Version = DailyState.CurrentVersion,
                Day = state.Day.ToString(),
                Currency = state.Currency,
                StartBalance = state.StartBalance,
                StartEquity = state.StartEquity,
                InitialBalance = state.InitialBalance,
                TradesToday = state.TradesToday,
                LossStreak = state.LossStreak,
                CooldownUntilUtc = state.CooldownUntilUtc,
                State = (int)state.State,
                StateReason = (int)state.StateReason,
                OnHold = state.OnHold,
                SavedAtUtc = state.SavedAtUtc,
            };
            _store.Set(Key, JsonConvert.SerializeObject(record, Settings));
        }

        public DailyStateLoad Load()
        {
            var text = _store.Get(Key);
            if (text is null)
            {
                return DailyStateLoad.Missing();
            }

            try
            {
                var r = JsonConvert.DeserializeObject<Record>(text, Settings);
                if (r is null)
                {
                    return DailyStateLoad.Corrupt("empty daily-state record");
                }

                if (r.Version != DailyState.CurrentVersion)
                {
                    return DailyStateLoad.Corrupt("daily-state version " + r.Version.ToString(CultureInfo.InvariantCulture) + " is not " + DailyState.CurrentVersion.ToString(CultureInfo.InvariantCulture));
                }

                if (!TradingDay.TryParse(r.Day, out var day)
                    || !Enum.IsDefined(typeof(TradingState), r.State)
                    || !Enum.IsDefined(typeof(ReasonCode), r.StateReason))
                {
                    return DailyStateLoad.Corrupt("daily-state record has an invalid day, state or reason");
                }

                return DailyStateLoad.Restored(new DailyState
                {
                    Version = r.Version,
                    Day = day,
                    Currency = r.Currency ?? string.Empty,
                    StartBalance = r.StartBalance,
                    StartEquity = r.StartEquity,
                    InitialBalance = r.InitialBalance,
                    TradesToday = r.TradesToday,
                    LossStreak = r.LossStreak,
                    CooldownUntilUtc = DateTime.SpecifyKind(r.CooldownUntilUtc, DateTimeKind.Utc),
                    State = (TradingState)r.State,
                    StateReason = (ReasonCode)r.StateReason,
                    OnHold = r.OnHold,
                    SavedAtUtc = DateTime.SpecifyKind(r.SavedAtUtc, DateTimeKind.Utc),
                });
            }
            catch (JsonException ex)
            {
                return DailyStateLoad.Corrupt("daily-state record is not valid JSON: " + ex.Message);
            }
        }

        private static readonly JsonSerializerSettings Settings = new JsonSerializerSettings
        {
            Culture = CultureInfo.InvariantCulture,
            DateTimeZoneHandling = DateTimeZoneHandling.Utc,
            MissingMemberHandling = MissingMemberHandling.Error,
        };

        private sealed class Record
        {
            public int Version { get; set; }

            public string? Day { get; set; }

            public string? Currency { get; set; }

            public double StartBalance { get; set; }

            public double StartEquity { get; set; }

            public double InitialBalance { get; set; }

            public int TradesToday { get; set; }

            public int LossStreak { get; set; }

            public DateTime CooldownUntilUtc { get; set; }

            public int State { get; set; }

            public int StateReason { get; set; }

            public bool OnHold { get; set; }

            public DateTime SavedAtUtc { get; set; }
        }
    }
}
