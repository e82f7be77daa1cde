using System;
using System.Globalization;
using cAlgo.API;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Algos.Glue
{
    /// <summary>
    /// A live bot's claim on its book (<see cref="InstanceLease"/>) over cTrader's Type scope: reloads the scope before
    /// each look, since another instance's saved lease is seen only after a reload (every write of ours is flushed at
    /// once). Renewed once a heartbeat of server time; nothing on the ticks between.
    /// </summary>
    internal sealed class LiveLease
    {
        /// <summary>The lease's key beside the day's state in the bot's Type-scope store.</summary>
        public const string Key = "instance-lease";

        private readonly LocalStorage _storage;
        private readonly InstanceLease _lease;

        private LiveLease(LocalStorage storage, IKeyValueStore shared, string instanceId)
        {
            _storage = storage ?? throw new ArgumentNullException(nameof(storage));
            _lease = new InstanceLease(shared, Key, instanceId);
        }

        /// <summary>The lease of the book <paramref name="shared"/> keys, taken at <paramref name="utc"/>; null (and who holds it in <paramref name="check"/>) when another instance does.</summary>
        public static LiveLease? TryAcquire(LocalStorage storage, IKeyValueStore shared, string instanceId, DateTime utc, out LeaseCheck check)
        {
            var lease = new LiveLease(storage, shared, instanceId);
            check = lease.Acquire(utc);
            return check.IsHeld ? lease : null;
        }

        public bool IsRenewalDue(DateTime utc) => _lease.IsRenewalDue(utc);

        private LeaseCheck Acquire(DateTime utc)
        {
            _storage.Reload(LocalStorageScope.Type);
            return _lease.Acquire(utc);
        }

        public LeaseCheck Renew(DateTime utc)
        {
            _storage.Reload(LocalStorageScope.Type);
            return _lease.Renew(utc);
        }

        /// <summary>Whether this instance still holds the lease, read now without renewing it (the heartbeat stays the timer's).</summary>
        public LeaseCheck Check(DateTime utc)
        {
            _storage.Reload(LocalStorageScope.Type);
            return _lease.Check(utc);
        }

        public void Release() => _lease.Release();

        /// <summary>
        /// At a clean stop, before the bot saves the book's records: reads the lease again (renewing it while held). The
        /// timer renews it a heartbeat apart, so another instance may have taken the book since; then its records are the
        /// book's and this instance must save nothing over them (false, and who holds it in <paramref name="check"/>).
        /// </summary>
        public bool KeptAtStop(DateTime utc, out LeaseCheck check)
        {
            check = Renew(utc);
            return check.IsHeld;
        }

        /// <summary>The one line a bot prints when it stops without saving because another instance holds its book.</summary>
        public static string LostAtStopText(string bot, LeaseCheck check) =>
            bot + " stopped without saving its day: another instance (" + check.OtherInstanceId + ") took the book since this one's last renewal (last seen " +
            check.OtherHeartbeatUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC); the day it keeps is the book's.";

        /// <summary>
        /// What the last look could not read (<see cref="InstanceLease.ReadProblem"/>); null when it read. At start the
        /// lease's is the first read of the Type scope, where the day lives too: a bot that then finds no saved day
        /// takes it as unreadable, not as a first start.
        /// </summary>
        public string? ReadProblem => _lease.ReadProblem;

        /// <summary>The one line a bot prints when another instance holds its book, and then stops.</summary>
        public static string SecondInstanceText(string bot, string book, LeaseCheck check, string harm, string remedy) =>
            "Not trading: another instance (" + check.OtherInstanceId + ") of " + bot + " runs on " + book + " (last seen " +
            check.OtherHeartbeatUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC). " + harm + ": " + remedy +
            ". An instance that stopped without a clean stop frees it " +
            InstanceLease.DefaultExpiry.TotalMinutes.ToString(CultureInfo.InvariantCulture) + " minutes after its last heartbeat.";
    }
}
