using System;
using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>What a lease check found.</summary>
    public enum LeaseStatus
    {
        /// <summary>This instance holds the lease (it was free, stale, unreadable, or already ours).</summary>
        Held = 0,

        /// <summary>Another instance renewed it within the expiry: two instances would trade the same book.</summary>
        HeldByOther = 1,
    }

    /// <summary>The outcome of <see cref="InstanceLease.Acquire"/> or <see cref="InstanceLease.Renew"/>.</summary>
    public readonly struct LeaseCheck
    {
        public LeaseCheck(LeaseStatus status, string otherInstanceId, DateTime otherHeartbeatUtc)
        {
            Status = status;
            OtherInstanceId = otherInstanceId;
            OtherHeartbeatUtc = otherHeartbeatUtc;
        }

        public LeaseStatus Status { get; }

        /// <summary>The instance that holds it when <see cref="Status"/> is <see cref="LeaseStatus.HeldByOther"/>; empty otherwise.</summary>
        public string OtherInstanceId { get; }

        /// <summary>That instance's last heartbeat (UTC).</summary>
        public DateTime OtherHeartbeatUtc { get; }

        public bool IsHeld => Status == LeaseStatus.Held;
    }

    /// <summary>
    /// One running instance per book (account, symbol and storage key for the scalper): two instances of a bot with
    /// the same label both see "no position of mine" on the same bar and both enter, doubling the risk, and each
    /// counts the other's trades. The lease is a small record in the scope every instance of the bot shares,
    /// <c>{"schema":"perpguard.instance-lease","version":1,"instanceId":"…","heartbeatUtc":"…"}</c>, renewed every
    /// <see cref="Heartbeat"/> and stale after <see cref="Expiry"/> without renewal (a crashed instance never
    /// releases it). Two instances started at once both write it; the next renewal finds the other's and the loser
    /// stops, so one remains. Unreadable text is a free lease (it guards no money), overwritten by the holder.
    /// </summary>
    public sealed class InstanceLease
    {
        public const string Schema = "perpguard.instance-lease";
        public const int CurrentVersion = 1;

        /// <summary>How often a running instance renews its lease (server time).</summary>
        public static readonly TimeSpan DefaultHeartbeat = TimeSpan.FromMinutes(1);

        /// <summary>A lease not renewed for this long is stale: three missed heartbeats.</summary>
        public static readonly TimeSpan DefaultExpiry = TimeSpan.FromMinutes(3);

        private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        private readonly StoredRecord _record;
        private DateTime _nextRenewal = DateTime.MaxValue;
        private bool _held;

        public InstanceLease(IKeyValueStore store, string key, string instanceId)
            : this(store, key, instanceId, DefaultHeartbeat, DefaultExpiry)
        {
        }

        public InstanceLease(IKeyValueStore store, string key, string instanceId, TimeSpan heartbeat, TimeSpan expiry)
        {
            // An unreadable lease is overwritten, not kept aside: it guards no money.
            _record = new StoredRecord(store, key, "The instance lease", "The instance lease needs a key.", _ => null);
            if (string.IsNullOrEmpty(instanceId))
            {
                throw new ArgumentException("The instance lease needs the instance's id.", nameof(instanceId));
            }

            if (heartbeat <= TimeSpan.Zero || expiry <= heartbeat)
            {
                throw new ArgumentOutOfRangeException(nameof(expiry), "The heartbeat must be above zero and the expiry longer than it.");
            }

            InstanceId = instanceId;
            Heartbeat = heartbeat;
            Expiry = expiry;
        }

        public string InstanceId { get; }

        public TimeSpan Heartbeat { get; }

        public TimeSpan Expiry { get; }

        /// <summary>
        /// Why the last <see cref="Acquire"/> or <see cref="Renew"/> could not read the store (the lease then counts as
        /// free); null when it could. The lease shares its scope with the bot's day: a failure here at start means the
        /// day cannot be trusted either, even if the storage reports its failure only once (the stand-in's
        /// LocalStorageException does) and the day's own read then finds an empty scope.
        /// </summary>
        public string? ReadProblem { get; private set; }

        /// <summary>True when a running holder should call <see cref="Renew"/> (a time comparison: cheap on every tick).</summary>
        public bool IsRenewalDue(DateTime utc) => _held && utc >= _nextRenewal;

        /// <summary>Takes the lease unless another instance renewed it within <see cref="Expiry"/> of <paramref name="utc"/>.</summary>
        public LeaseCheck Acquire(DateTime utc)
        {
            var check = Read(utc);
            if (check.IsHeld)
            {
                Write(utc);
            }

            _held = check.IsHeld;
            return check;
        }

        /// <summary>Renews the lease; <see cref="LeaseStatus.HeldByOther"/> when another instance took it meanwhile (this one should stop).</summary>
        public LeaseCheck Renew(DateTime utc) => Acquire(utc);

        /// <summary>
        /// Reads whether this instance still holds the lease, without renewing it: for a look between renewals (before a
        /// save), which must not move the heartbeat the timer keeps. A lost lease stays lost (no renewal is due).
        /// </summary>
        public LeaseCheck Check(DateTime utc)
        {
            var check = Read(utc);
            if (!check.IsHeld)
            {
                _held = false;
            }

            return check;
        }

        /// <summary>Frees the lease if this instance still holds it (a clean stop), so a new instance need not wait for the expiry.</summary>
        public void Release()
        {
            if (!_held)
            {
                return;
            }

            _held = false;

            // Only our own record: one another instance has taken meanwhile is theirs.
            if (_record.TryRead(out var text, out _) && text is not null && TryParse(text, out var holder, out _) && holder == InstanceId)
            {
                _record.Write(Serialize(InstanceId, DateTime.MinValue));
            }
        }

        public static string Serialize(string instanceId, DateTime heartbeatUtc) =>
            new JObject
            {
                ["schema"] = Schema,
                ["version"] = CurrentVersion,
                ["instanceId"] = instanceId,
                ["heartbeatUtc"] = DateTime.SpecifyKind(heartbeatUtc, DateTimeKind.Utc).ToString(TimeFormat, CultureInfo.InvariantCulture),
            }.ToString(Formatting.None);

        private void Write(DateTime utc)
        {
            _record.Write(Serialize(InstanceId, utc));
            _nextRenewal = utc + Heartbeat;
        }

        // Held unless a readable record names another instance whose heartbeat is within the expiry of now (a
        // heartbeat far in the future is a clock that moved: stale too).
        private LeaseCheck Read(DateTime utc)
        {
            var read = _record.TryRead(out var text, out var problem);
            ReadProblem = problem;
            if (!read || text is null || !TryParse(text, out var holder, out var heartbeat)
                || holder == InstanceId || (utc - heartbeat).Duration() >= Expiry)
            {
                return new LeaseCheck(LeaseStatus.Held, string.Empty, default);
            }

            return new LeaseCheck(LeaseStatus.HeldByOther, holder, heartbeat);
        }

        private static bool TryParse(string text, out string holder, out DateTime heartbeat)
        {
            holder = string.Empty;
            heartbeat = default;
            if (!VersionedJson.TryRead(text, Schema, CurrentVersion, "instance lease", out var json, out _)
                || json["instanceId"]?.Type != JTokenType.String
                || !DateTime.TryParseExact((string?)json["heartbeatUtc"], TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out heartbeat))
            {
                return false;
            }

            holder = (string)json["instanceId"]!;
            return true;
        }
    }
}
