using System;

namespace PerpGuard.Headless.Simulation
{
    /// <summary>What goes wrong with one operation (default: nothing).</summary>
    public readonly struct SimFault
    {
        public SimFault(SimErrorCode? reject, bool dropStopLoss, double fillFraction, double extraSlippage)
        {
            Reject = reject;
            DropStopLoss = dropStopLoss;
            FillFraction = fillFraction;
            ExtraSlippage = extraSlippage;
        }

        public static SimFault None => new SimFault(null, false, 1.0, 0.0);

        /// <summary>Refuse the operation with this code.</summary>
        public SimErrorCode? Reject { get; }
        /// <summary>Fill, but without the stop loss (the result's StopLossRefused is set).</summary>
        public bool DropStopLoss { get; }
        /// <summary>Fraction of the volume filled (1 = all; rounded down to the step, at least the minimum).</summary>
        public double FillFraction { get; }
        /// <summary>Extra adverse slippage, price units.</summary>
        public double ExtraSlippage { get; }
    }

    /// <summary>Port through which tests make the broker misbehave.</summary>
    public interface ISimFaultInjector
    {
        SimFault Next(SimOperationKind operation, DateTime timeUtc);
    }

    /// <summary>
    /// Faults scripted by count: "reject the next 2 market orders with NoMoney", "drop the SL of
    /// the next order", "fill the next order at 50 %", "slip the next 3 orders by 5.0". Each
    /// counter applies to market orders and pending fills; rejections also to the other operations
    /// selected by <see cref="RejectAlsoModifications"/>.
    /// </summary>
    public sealed class ScriptedFaultInjector : ISimFaultInjector
    {
        private int _rejects;
        private SimErrorCode _rejectCode;
        private int _dropStops;
        private int _partials;
        private double _fraction = 1.0;
        private int _slips;
        private double _slip;

        /// <summary>When true, rejections also hit modify/close/cancel operations.</summary>
        public bool RejectAlsoModifications { get; set; }

        public ScriptedFaultInjector RejectNext(int count, SimErrorCode code)
        {
            _rejects = count;
            _rejectCode = code;
            return this;
        }

        public ScriptedFaultInjector DropStopLossNext(int count)
        {
            _dropStops = count;
            return this;
        }

        public ScriptedFaultInjector PartialFillNext(int count, double fraction)
        {
            if (!(fraction > 0 && fraction <= 1)) throw new ArgumentOutOfRangeException(nameof(fraction), "fraction must be in (0, 1]");
            _partials = count;
            _fraction = fraction;
            return this;
        }

        public ScriptedFaultInjector SlipNext(int count, double price)
        {
            if (!(price >= 0)) throw new ArgumentOutOfRangeException(nameof(price), "slippage must be >= 0");
            _slips = count;
            _slip = price;
            return this;
        }

        public SimFault Next(SimOperationKind operation, DateTime timeUtc)
        {
            bool isFill = operation == SimOperationKind.MarketOrder || operation == SimOperationKind.PendingOrderFill;
            bool canReject = isFill || operation == SimOperationKind.PlacePendingOrder || RejectAlsoModifications;
            if (_rejects > 0 && canReject)
            {
                _rejects--;
                return new SimFault(_rejectCode, false, 1.0, 0.0);
            }

            if (!isFill) return SimFault.None;
            bool drop = false;
            double fraction = 1.0;
            double slip = 0.0;
            if (_dropStops > 0) { _dropStops--; drop = true; }
            if (_partials > 0) { _partials--; fraction = _fraction; }
            if (_slips > 0) { _slips--; slip = _slip; }
            return new SimFault(null, drop, fraction, slip);
        }
    }

    /// <summary>Broker behaviour switches.</summary>
    public sealed class SimBrokerOptions
    {
        /// <summary>Slippage of market orders (default none).</summary>
        public SimSlippageModel Slippage { get; set; } = SimSlippageModel.None;
        /// <summary>Optional fault injection port.</summary>
        public ISimFaultInjector? Faults { get; set; }
        /// <summary>Inside a bar (between BeginBar and EndBar) a position whose SL and TP are both
        /// touched by the bar is closed at the SL (cTrader-style pessimistic fill).</summary>
        public bool PessimisticBarFills { get; set; }
    }
}
