using System;
using cAlgo.API;
using PerpGuard.Cli.Backtest;
using PerpGuard.Headless.Backtesting;
using PerpGuard.Risk.Pipeline;
using PerpGuard.Risk.Primitives;

namespace PerpGuard.Cli.Tests
{
    /// <summary>trades.csv rows from a robot's journal: planned risk per row (partial closes too) and the robot's close reason.</summary>
    public class JournalAdapterTests
    {
        private static readonly DateTime Open = new DateTime(2024, 1, 1, 0, 27, 0, DateTimeKind.Utc);
        private static readonly DateTime Stopped = new DateTime(2024, 1, 1, 0, 45, 30, DateTimeKind.Utc);

        /// <summary>
        /// The guardian's first trade of the default CLI run: a manual short of 1.83 BTC at 7.7x was cut by 0.65
        /// (LeverageAboveCap) in the tick it appeared; the remaining 1.18 BTC stopped out at −85.38 with a planned
        /// risk of 85.38 (72.36 per BTC: 69.84 stop distance + fees).
        /// </summary>
        private static JournalAdapter.Extract GuardianJournal()
        {
            var extract = new JournalAdapter.Extract();
            JournalAdapter.Add(extract, new PipelineEvent(Open, PipelineEventKind.StopAttached, "MissingStop") { PositionId = 1, StopLoss = 42_026.2 });
            JournalAdapter.Add(extract, new PipelineEvent(Open, PipelineEventKind.OversizeReduced, GuardianReasons.LeverageAboveCap) { PositionId = 1, Volume = 0.65, Leverage = 7.6968 });
            JournalAdapter.Add(extract, new PipelineEvent(Stopped, PipelineEventKind.TradeClosed, "StopLoss")
            {
                PositionId = 1, Side = TradeSide.Short, Volume = 1.18, Price = 41_956.36, FillPrice = 42_026.2, PlannedRisk = 85.38, Value = -85.38,
            });
            return extract;
        }

        private static ClosedTradeRecord Row(DateTime exit, double volume, double net, PositionCloseReason reason) => new ClosedTradeRecord
        {
            PositionId = 1, Symbol = "BTCUSD", Side = TradeType.Sell, EntryTimeUtc = Open, EntryPrice = 41_956.36, ExitTimeUtc = exit,
            VolumeInUnits = volume, GrossProfit = net, NetProfit = net, CloseReason = reason,
        };

        [Test]
        public void ToClosedTrade_GuardianReductionSlice_ItsShareOfThePlannedRiskAndTheGuardiansReason()
        {
            // 85.38 / 1.18 = 72.356 per BTC; the 0.65 BTC slice planned 0.65 × 72.356 = 47.03; it lost 7.86 → −0.167 R.
            var slice = BacktestRunner.ToClosedTrade(Row(Open, 0.65, -7.86, PositionCloseReason.Closed), GuardianJournal());

            Assert.That(slice.PlannedRisk, Is.EqualTo(0.65 * 85.38 / 1.18).Within(1e-9));
            Assert.That(slice.RMultiple, Is.EqualTo(-7.86 / (0.65 * 85.38 / 1.18)).Within(1e-9));
            Assert.That(slice.CloseReason, Is.EqualTo("LeverageAboveCap"), "the platform only says Closed");
        }

        [Test]
        public void ToClosedTrade_RestStoppedOut_WholePlannedRiskMinusOneR()
        {
            var rest = BacktestRunner.ToClosedTrade(Row(Stopped, 1.18, -85.38, PositionCloseReason.StopLoss), GuardianJournal());

            Assert.That(rest.PlannedRisk, Is.EqualTo(85.38).Within(1e-9));
            Assert.That(rest.RMultiple, Is.EqualTo(-1.0).Within(1e-9));
            Assert.That(rest.CloseReason, Is.EqualTo("StopLoss"));
        }

        [Test]
        public void ToClosedTrade_ClosedByHandWithoutARobotAction_StaysClosedAndNoPlannedRisk()
        {
            var extract = new JournalAdapter.Extract();

            var row = BacktestRunner.ToClosedTrade(Row(Open, 0.5, -3, PositionCloseReason.Closed), extract);

            Assert.That(row.CloseReason, Is.EqualTo("Closed"));
            Assert.That(row.PlannedRisk, Is.EqualTo(0));
            Assert.That(row.RMultiple, Is.Null);
        }

        [Test]
        public void ToClosedTrade_TwoCutsInOneTick_EachRowGetsTheReasonOfItsVolume()
        {
            // One tick: the position is cut 0.58 for its own leverage, then 0.38 for the account's.
            var extract = new JournalAdapter.Extract();
            JournalAdapter.Add(extract, new PipelineEvent(Open, PipelineEventKind.OversizeReduced, GuardianReasons.LeverageAboveCap) { PositionId = 1, Volume = 0.58 });
            JournalAdapter.Add(extract, new PipelineEvent(Open, PipelineEventKind.OversizeReduced, GuardianReasons.AccountLeverageAboveCap) { PositionId = 1, Volume = 0.38 });

            var own = BacktestRunner.ToClosedTrade(Row(Open, 0.58, -5, PositionCloseReason.Closed), extract);
            var account = BacktestRunner.ToClosedTrade(Row(Open, 0.38, -3, PositionCloseReason.Closed), extract);

            Assert.That((own.CloseReason, account.CloseReason), Is.EqualTo(("LeverageAboveCap", "AccountLeverageAboveCap")));
        }

        [Test]
        public void ToClosedTrade_KeptFlatWhileHalted_TheGuardiansReason()
        {
            var extract = new JournalAdapter.Extract();
            JournalAdapter.Add(extract, new PipelineEvent(Open, PipelineEventKind.FlattenClose, GuardianReasons.KeepFlat) { PositionId = 1, Volume = 0.5 });

            var row = BacktestRunner.ToClosedTrade(Row(Open, 0.5, -3, PositionCloseReason.Closed), extract);

            Assert.That(row.CloseReason, Is.EqualTo("KeepFlatWhileHalted"));
        }
    }
}
