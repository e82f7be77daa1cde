using System;
using System.Globalization;
using PerpGuard.Risk.Time;

namespace PerpGuard.Risk.Pipeline
{
    /// <summary>How an entry attempt ended.</summary>
    public enum ExecutionStatus
    {
        /// <summary>Open with its stop attached.</summary>
        Opened = 0,

        /// <summary>Every attempt was rejected; nothing is open.</summary>
        Rejected = 1,

        /// <summary>Filled, but the stop could not be attached, so the position was closed again.</summary>
        ClosedUnprotected = 2,

        /// <summary>Filled, the stop could not be attached and even closing failed: the caller must halt and keep trying.</summary>
        Unprotected = 3,
    }

    /// <summary>The result of <see cref="OrderExecutor.Open"/>: the position and the money it risks as filled.</summary>
    public readonly struct ExecutionOutcome
    {
        public ExecutionOutcome(ExecutionStatus status, PositionView position, double plannedRisk, string error)
        {
            Status = status;
            Position = position;
            PlannedRisk = plannedRisk;
            Error = error;
        }

        public ExecutionStatus Status { get; }

        public PositionView Position { get; }

        /// <summary>Planned risk scaled to the filled volume (a partial fill risks less).</summary>
        public double PlannedRisk { get; }

        public string Error { get; }
    }

    /// <summary>
    /// Sends an accepted entry to the platform with its stop and target attached at the order (sent again, up to the
    /// bounded retries, only after a transient refusal that certainly executed nothing: <see cref="TradeErrorPolicy"/>;
    /// stop, target and close calls, which cannot double a position, are repeated after any transient error), and
    /// makes sure no position is ever left without a stop:
    /// if the stop is missing after the fill it is attached, and if that fails the position is closed.
    /// Every step is journaled.
    /// </summary>
    public sealed class OrderExecutor
    {
        private readonly ITradingGateway _gateway;
        private readonly IPipelineJournal _journal;
        private readonly IClock _clock;
        private readonly int _maxRetries;
        private readonly FailedActionGate _closeFailures = new FailedActionGate();
        private readonly FailedActionGate _moveFailures = new FailedActionGate();
        private readonly FailedActionGate _attachFailures = new FailedActionGate();
        private string? _lastPlatformError;

        public OrderExecutor(ITradingGateway gateway, IPipelineJournal journal, IClock clock, int maxRetries)
        {
            _gateway = gateway ?? throw new ArgumentNullException(nameof(gateway));
            _journal = journal ?? throw new ArgumentNullException(nameof(journal));
            _clock = clock ?? throw new ArgumentNullException(nameof(clock));
            if (maxRetries < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(maxRetries), maxRetries, "Retries cannot be negative.");
            }

            _maxRetries = maxRetries;
        }

        public ExecutionOutcome Open(in EntryDecision decision, string comment)
        {
            if (!decision.Accepted)
            {
                throw new ArgumentException("Only an accepted decision can be executed.", nameof(decision));
            }

            var result = GatewayResult.Failed("NotSent", false);
            for (var attempt = 0; attempt <= _maxRetries; attempt++)
            {
                result = _gateway.OpenMarket(decision.Side, decision.Volume, decision.StopPips, decision.TargetPips, comment);
                if (result.Success)
                {
                    _lastPlatformError = null;
                    break;
                }

                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.OrderRejected, result.Error)
                {
                    Side = decision.Side,
                    Volume = decision.Volume,
                    Price = decision.EntryPrice,
                    Value = attempt + 1,
                    Message = string.Format(CultureInfo.InvariantCulture, "attempt {0} of {1} rejected: {2}{3}",
                        attempt + 1, _maxRetries + 1, result.Error, TradeErrorPolicy.AttemptNote(result)),
                });

                // Sent again only when nothing was executed: an order whose outcome is unknown (TechnicalError, Timeout,
                // Disconnected…) may have filled, and a second one would double the position. The port has looked for
                // its fill already (a found fill comes back as a success).
                if (!TradeErrorPolicy.MayResendOrder(result))
                {
                    break;
                }
            }

            if (!result.Success)
            {
                return new ExecutionOutcome(ExecutionStatus.Rejected, default, 0, result.Error);
            }

            var position = result.Position;
            var plannedRisk = decision.PlannedRisk;
            if (position.VolumeUnits > 0 && position.VolumeUnits < decision.Volume)
            {
                plannedRisk = decision.PlannedRisk * position.VolumeUnits / decision.Volume;
                _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.PartialFill, "PartialFill")
                {
                    PositionId = position.Id,
                    Side = decision.Side,
                    Volume = position.VolumeUnits,
                    Value = decision.Volume,
                    PlannedRisk = plannedRisk,
                    Message = string.Format(CultureInfo.InvariantCulture, "filled {0} of {1}", position.VolumeUnits, decision.Volume),
                });
            }

            if (!position.StopLoss.HasValue && !AttachStop(position, decision))
            {
                return CloseUnprotected(position, plannedRisk);
            }

            if (!position.TakeProfit.HasValue)
            {
                // A missing target is not a risk; try once per allowed attempt and journal the outcome.
                for (var attempt = 0; attempt <= _maxRetries; attempt++)
                {
                    var target = TargetFor(position, decision);
                    var r = _gateway.SetTakeProfit(position.Id, target);
                    if (r.Success)
                    {
                        _journal.Write(new PipelineEvent(_clock.UtcNow, PipelineEventKind.TargetAttached, "TargetMissingAfterFill") { PositionId = position.Id, TakeProfit = target });
                        break;
                    }
                }
            }

            var slippage = position.EntryPrice - decision.EntryPrice;
            var opened = new PipelineEvent(_clock.UtcNow, PipelineEventKind.PositionOpened, string.Empty)
            {
                PositionId = position.Id,
                Side = decision.Side,
                Volume = position.VolumeUnits,
                Price = decision.EntryPrice,
                FillPrice = position.EntryPrice,
                StopLoss = position.StopLoss ?? StopFor(position, decision),
                TakeProfit = position.TakeProfit ?? TargetFor(position, decision),
                PlannedRisk = plannedRisk,
                Leverage = decision.Leverage,
                Value = slippage,
            };
            _journal.Write(opened);
            return new ExecutionOutcome(ExecutionStatus.Opened, position, plannedRisk, string.Empty);
        }

        /// <summary>
        /// Closes a position with bounded retries; true when it is gone. Call it again on every tick until it is:
        /// after a failed try the broker is asked again only once <see cref="FailedActionGate.RetryInterval"/> of
        /// server time has passed (false until then), and the failure is journaled once per position and error
        /// (again when the error changes or after a success), not on every tick.
        /// </summary>
        public bool Close(PositionView position, PipelineEventKind kind, string reason)
        {
            var now = _clock.UtcNow;
            if (_closeFailures.IsWaiting(position.Id, now))
            {
                return false;
            }

            // Read before the call: the platform reports the close (and the robot forgets the position) inside it.
            var failedBefore = _closeFailures.FailuresInARow(position.Id);
            var error = string.Empty;
            for (var attempt = 0; attempt <= _maxRetries; attempt++)
            {
                var r = _gateway.ClosePosition(position.Id);
                if (r.Success)
                {
                    _lastPlatformError = null;
                    _closeFailures.RecordSuccess(position.Id);
                    var closed = new PipelineEvent(_clock.UtcNow, kind, reason)
                    {
                        PositionId = position.Id,
                        Side = position.Side,
                        Volume = position.VolumeUnits,
                        Value = position.NetProfit,
                    };
                    if (failedBefore > 0)
                    {
                        closed.Message = "closed after " + failedBefore.ToString(CultureInfo.InvariantCulture) + " failed tries";
                    }

                    _journal.Write(closed);
                    return true;
                }

                if (!r.Transient && r.Error == "EntityNotFound")
                {
                    _closeFailures.Forget(position.Id);
                    return true;
                }

                error = r.Error;
                if (!r.Transient)
                {
                    // MarketClosed, NoTradingPermission…: an immediate repeat would get the same answer; the next try, after the back-off, asks again.
                    break;
                }
            }

            if (_closeFailures.RecordFailure(position.Id, error, now))
            {
                JournalFailure(new PipelineEvent(now, PipelineEventKind.ActionFailed, reason)
                {
                    PositionId = position.Id,
                    Message = string.Format(CultureInfo.InvariantCulture,
                        "could not close the position: {0}; tried again every {1:0.###} s of server time until it closes",
                        error, _closeFailures.RetryInterval.TotalSeconds),
                });
            }

            return false;
        }

        /// <summary>
        /// Sets a stop with bounded retries; true when accepted. A refused stop move (trailing, break-even) is asked
        /// again only after <see cref="FailedActionGate.RetryInterval"/> and journaled once per position and error.
        /// Attaching a missing stop is held back only while a close of the same position waits for its retry (the
        /// caller closes a position whose stop cannot be attached: the two are one cycle, run every few seconds
        /// while the broker refuses both), and journaled once per position and error.
        /// </summary>
        public bool SetStop(int positionId, double stopPrice, PipelineEventKind kind, string reason)
        {
            var now = _clock.UtcNow;
            var isMove = kind == PipelineEventKind.StopMoved;
            var gate = isMove ? _moveFailures : _attachFailures;
            if (isMove ? _moveFailures.IsWaiting(positionId, now) : _closeFailures.IsWaiting(positionId, now))
            {
                return false;
            }

            var error = string.Empty;
            for (var attempt = 0; attempt <= _maxRetries; attempt++)
            {
                var r = _gateway.SetStopLoss(positionId, stopPrice);
                if (r.Success)
                {
                    _lastPlatformError = null;
                    gate.RecordSuccess(positionId);
                    _journal.Write(new PipelineEvent(_clock.UtcNow, kind, reason) { PositionId = positionId, StopLoss = stopPrice });
                    return true;
                }

                error = r.Error;
                if (!r.Transient)
                {
                    break;
                }
            }

            if (gate.RecordFailure(positionId, error, now))
            {
                JournalFailure(new PipelineEvent(now, PipelineEventKind.ActionFailed, reason)
                {
                    PositionId = positionId,
                    StopLoss = stopPrice,
                    Message = "stop not accepted: " + error,
                });
            }

            return false;
        }

        /// <summary>
        /// Failed closes and partial closes per position (the guardian's reduce goes through the gateway itself and
        /// uses this to wait and to journal once).
        /// </summary>
        public FailedActionGate CloseFailures => _closeFailures;

        /// <summary>Raised with the first ActionFailed of a position and error, so the robot can print it even when it does not print decisions.</summary>
        public event Action<PipelineEvent>? FirstFailure;

        /// <summary>The position is gone: forget its failures (a later position never inherits a back-off).</summary>
        public void Forget(int positionId)
        {
            _closeFailures.Forget(positionId);
            _moveFailures.Forget(positionId);
            _attachFailures.Forget(positionId);
        }

        /// <summary>
        /// For the robot's OnError, which the platform calls for each failed trading call (three per failed try of a
        /// close with two retries): true when <paramref name="code"/> differs from the last platform error, or an
        /// action succeeded since. The executor journals its own failures with their position; OnError adds the rest once.
        /// </summary>
        public bool IsNewPlatformError(string code)
        {
            if (string.Equals(_lastPlatformError, code, StringComparison.Ordinal))
            {
                return false;
            }

            _lastPlatformError = code;
            return true;
        }

        /// <summary>Journals a failure the caller decided is news and raises <see cref="FirstFailure"/>.</summary>
        public void JournalFailure(PipelineEvent failed)
        {
            _journal.Write(failed);
            FirstFailure?.Invoke(failed);
        }

        private bool AttachStop(PositionView position, EntryDecision decision)
        {
            var stop = StopFor(position, decision);
            return SetStop(position.Id, stop, PipelineEventKind.StopAttached, "StopMissingAfterFill");
        }

        private ExecutionOutcome CloseUnprotected(PositionView position, double plannedRisk)
        {
            var closed = Close(position, PipelineEventKind.NakedPositionClosed, "StopNotAttached");
            return new ExecutionOutcome(closed ? ExecutionStatus.ClosedUnprotected : ExecutionStatus.Unprotected, position, plannedRisk, "StopNotAttached");
        }

        // The stop keeps the planned distance from the actual fill, so slippage does not add risk per unit.
        private static double StopFor(PositionView position, EntryDecision decision)
        {
            var distance = Math.Abs(decision.EntryPrice - decision.StopPrice);
            var fill = position.EntryPrice > 0 ? position.EntryPrice : decision.EntryPrice;
            return decision.Side == Primitives.TradeSide.Long ? fill - distance : fill + distance;
        }

        private static double TargetFor(PositionView position, EntryDecision decision)
        {
            var distance = Math.Abs(decision.TargetPrice - decision.EntryPrice);
            var fill = position.EntryPrice > 0 ? position.EntryPrice : decision.EntryPrice;
            return decision.Side == Primitives.TradeSide.Long ? fill + distance : fill - distance;
        }
    }
}
