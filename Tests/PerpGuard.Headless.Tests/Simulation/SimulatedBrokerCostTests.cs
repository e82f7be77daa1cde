using System;
using PerpGuard.Headless.Simulation;
using PerpGuard.MarketData;
using static PerpGuard.Headless.Tests.Simulation.SimTestFactory;

namespace PerpGuard.Headless.Tests.Simulation
{
    /// <summary>Commissions (the four cTrader types), swaps at rollover with the triple day, funding.</summary>
    public class SimulatedBrokerCostTests
    {
        private static SimulatedBroker OpenHalfBtcAt60000(SimSymbolSpec spec, out SimPosition position)
        {
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60000, 60000); // zero spread keeps the ledgers short
            var result = broker.ExecuteMarketOrder(Buy(0.5));
            Assert.That(result.IsSuccessful, Is.True, result.Message);
            position = result.Position!;
            return broker;
        }

        [Test]
        public void Commission_UsdPerMillion30_On30kNotional_Is090PerSide()
        {
            var spec = Btc();
            spec.CommissionType = SimCommissionType.UsdPerMillionUsdVolume;
            spec.Commission = 30;
            // 0.5 BTC × 60,000 = 30,000 USD; 30 / 1,000,000 × 30,000 = 0.90 per side.
            var broker = OpenHalfBtcAt60000(spec, out var p);
            Assert.That(p.Commissions, Is.EqualTo(-0.90).Within(1e-12));
            Assert.That(p.NetProfit, Is.EqualTo(-1.80).Within(1e-12)); // round trip anticipated
            broker.ClosePosition(p);
            Assert.That(broker.History[0].Commissions, Is.EqualTo(-1.80).Within(1e-12));
            Assert.That(broker.History[0].NetProfit, Is.EqualTo(-1.80).Within(1e-12));
            Assert.That(broker.Balance, Is.EqualTo(9998.20).Within(1e-9));
        }

        [Test]
        public void Commission_UsdPerOneLot5_HalfLot_Is250PerSide()
        {
            var spec = Btc();
            spec.CommissionType = SimCommissionType.UsdPerOneLot;
            spec.Commission = 5; // LotSize 1 BTC → 0.5 lot × 5 = 2.50
            OpenHalfBtcAt60000(spec, out var p);
            Assert.That(p.Commissions, Is.EqualTo(-2.50).Within(1e-12));
        }

        [Test]
        public void Commission_Percentage005_On30kNotional_Is15PerSide()
        {
            var spec = Btc();
            spec.CommissionType = SimCommissionType.PercentageOfTradingVolume;
            spec.Commission = 0.05; // 0.05 % × 30,000 = 15
            OpenHalfBtcAt60000(spec, out var p);
            Assert.That(p.Commissions, Is.EqualTo(-15).Within(1e-9));
        }

        [Test]
        public void Commission_QuoteCurrencyPerOneLot_ConvertedToAccount()
        {
            // ETHEUR on a USD account, EURUSD 1.10: 4 EUR per lot (1 lot = 1 ETH), 2 ETH → 8 EUR → 8.80 USD.
            var spec = Btc();
            spec.Name = "ETHEUR";
            spec.CommissionType = SimCommissionType.QuoteCurrencyPerOneLot;
            spec.Commission = 4;
            spec.QuoteToAccountRate = 1.10;
            spec.QuoteToUsdRate = 1.10;
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 3000, 3000);
            var p = broker.ExecuteMarketOrder(Buy(2)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-8.80).Within(1e-12));
        }

        [Test]
        public void Commission_BelowMinimum_ChargesMinimum()
        {
            var spec = Btc();
            spec.Commission = 30;
            spec.MinCommission = 0.5; // 0.01 BTC × 60,000 = 600 USD → 0.018 < 0.50
            var broker = Broker(spec);
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.01)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-0.5));
        }

        [Test]
        public void Commission_BelowMinimumOnAEuroAccount_ChargesTheUsdMinimumInEuros()
        {
            // The symbol reports MinCommissionAsset = USD, so the minimum is 3 USD: at 0.92 EUR per USD that is
            // 2.76 EUR. Rate fee: 0.01 BTC × 60,000 = 600 USD × 30 / 1,000,000 = 0.018 USD, below it.
            var spec = Btc();
            spec.Commission = 30;
            spec.MinCommission = 3;
            var broker = Broker(spec, new SimAccountSettings { Currency = "EUR", UsdToAccountRate = 0.92 });
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.01)).Position!;
            Assert.That(p.Commissions, Is.EqualTo(-2.76).Within(1e-9));
        }

        [Test]
        public void Commission_ExitSideAtExitPrice_VolumeBasedTypes()
        {
            var spec = Btc();
            spec.Commission = 30;
            var broker = OpenHalfBtcAt60000(spec, out var p);
            broker.ProcessQuote(T0.AddMinutes(1), 62000, 62000);
            broker.ClosePosition(p);
            // Entry 0.90; exit 0.5 × 62,000 × 30e-6 = 0.93; gross 0.5 × 2,000 = 1,000; net 998.17.
            Assert.That(broker.History[0].Commissions, Is.EqualTo(-1.83).Within(1e-9));
            Assert.That(broker.History[0].NetProfit, Is.EqualTo(998.17).Within(1e-9));
        }

        private static SimSymbolSpec SwapSpec(double swapLong, double swapShort)
        {
            var spec = Btc();
            spec.SwapType = SimSwapType.Pips;
            spec.SwapLong = swapLong;
            spec.SwapShort = swapShort;
            spec.Swap3DaysRollover = DayOfWeek.Wednesday;
            spec.RolloverTimeUtc = new TimeSpan(22, 0, 0);
            return spec;
        }

        [Test]
        public void Swap_BeforeAndAtRollover_ChargedOnlyAtRollover()
        {
            // −10 pips/unit/day, pip 1 USD: 0.5 BTC → −5 per rollover. T0 = Monday 10:00 UTC.
            var broker = OpenHalfBtcAt60000(SwapSpec(-10, 3), out var p);
            broker.ProcessQuote(new DateTime(2024, 3, 4, 21, 59, 59, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(0));
            broker.ProcessQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-5).Within(1e-12));
        }

        [Test]
        public void Swap_RolloverAcrossUsDaylightSavingStart_StaysAtTheSymbolsUtcTime()
        {
            // cTrader keeps a symbol's swap time in UTC: OpenApiModelMessages.proto, ProtoOASymbol.swapTime = "Time in
            // minutes from 00:00 (UTC) when intraday swaps are charged" (no time zone, unlike the trading schedule's
            // scheduleTimeZone). So a 22:00 UTC rollover stays at 22:00 UTC after New York moves to summer time on
            // Sunday 2024-03-10; a rollover following 17:00 New York would have moved to 21:00 UTC.
            // 0.5 BTC long, −2 pips/unit/day (pip 1 USD) → −1 per rollover, no triple day, weekends charged.
            var spec = SwapSpec(-2, 0);
            spec.Swap3DaysRollover = null;
            var broker = Broker(spec);
            broker.ProcessQuote(new DateTime(2024, 3, 8, 12, 0, 0, DateTimeKind.Utc), 60000, 60000); // Friday
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            // Monday 21:30 UTC (17:30 in New York, EDT): Fri, Sat, Sun 22:00 UTC charged, Monday's not yet.
            broker.ProcessQuote(new DateTime(2024, 3, 11, 21, 30, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-3));
            broker.ProcessQuote(new DateTime(2024, 3, 11, 22, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-4));
        }

        [Test]
        public void Swap_RolloverFollowingNewYork1700_MovesToTwentyOneUtcWithSummerTime()
        {
            // Optional broker model: rollover at 17:00 New York (RolloverTimeZoneId). US summer time starts on Sunday
            // 2024-03-10 (02:00 local): 17:00 EST = 22:00 UTC (Fri 8th, Sat 9th), 17:00 EDT = 21:00 UTC (Sun 10th, Mon 11th).
            // 0.5 BTC long, −2 pips/unit/day → −1 per rollover.
            var spec = SwapSpec(-2, 0);
            spec.Swap3DaysRollover = null;
            spec.RolloverTimeZoneId = "America/New_York";
            spec.RolloverLocalTime = new TimeSpan(17, 0, 0);
            var broker = Broker(spec);
            broker.ProcessQuote(new DateTime(2024, 3, 8, 12, 0, 0, DateTimeKind.Utc), 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            broker.ProcessQuote(new DateTime(2024, 3, 9, 21, 59, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-1), "Friday 22:00 UTC only");
            broker.ProcessQuote(new DateTime(2024, 3, 10, 20, 59, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-2), "Saturday 22:00 UTC; Sunday's not before 21:00 UTC");
            broker.ProcessQuote(new DateTime(2024, 3, 10, 21, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-3), "Sunday 17:00 EDT = 21:00 UTC");
            broker.ProcessQuote(new DateTime(2024, 3, 11, 21, 30, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-4), "Monday 21:00 UTC (a fixed 22:00 UTC would not have charged yet)");
        }

        [Test]
        public void Validate_UnknownRolloverTimeZone_Reported()
        {
            var spec = Btc();
            spec.RolloverTimeZoneId = "Mars/Olympus_Mons";
            Assert.That(spec.Validate(), Has.Some.Contains("RolloverTimeZoneId is not a known time zone"));
        }

        [Test]
        public void Swap_WednesdayRollover_ChargedThreeTimes()
        {
            var broker = OpenHalfBtcAt60000(SwapSpec(-10, 3), out var p);
            broker.ProcessQuote(new DateTime(2024, 3, 5, 23, 0, 0, DateTimeKind.Utc), 60000, 60000); // Mon + Tue
            Assert.That(p.Swap, Is.EqualTo(-10).Within(1e-12));
            broker.ProcessQuote(new DateTime(2024, 3, 6, 22, 0, 0, DateTimeKind.Utc), 60000, 60000); // Wed ×3
            Assert.That(p.Swap, Is.EqualTo(-25).Within(1e-12));
            broker.ClosePosition(p);
            Assert.That(broker.History[0].Swap, Is.EqualTo(-25).Within(1e-12));
            Assert.That(broker.Balance, Is.EqualTo(10000 - 25).Within(1e-9));
        }

        [Test]
        public void Swap_ShortPositiveSwap_Credited()
        {
            var broker = Broker(SwapSpec(-10, 3));
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Sell(0.5)).Position!;
            broker.ProcessQuote(new DateTime(2024, 3, 4, 23, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(1.5).Within(1e-12)); // 3 × 0.5
        }

        [Test]
        public void Swap_QuoteStreamStopsForDays_ChargesEverySkippedRollover()
        {
            var broker = OpenHalfBtcAt60000(SwapSpec(-10, 3), out var p);
            // Monday 10:00 → Friday 10:00: Mon, Tue, Wed (×3), Thu = 6 days × −5 = −30.
            broker.ProcessQuote(new DateTime(2024, 3, 8, 10, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-30).Within(1e-12));
        }

        [Test]
        public void Swap_SkipWeekendRollovers_NoChargeSaturdaySunday()
        {
            var spec = SwapSpec(-10, 3);
            spec.SkipWeekendRollovers = true;
            spec.Swap3DaysRollover = null;
            var broker = Broker(spec);
            broker.ProcessQuote(new DateTime(2024, 3, 8, 10, 0, 0, DateTimeKind.Utc), 60000, 60000); // Friday
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            // Rollovers Fri 22:00 (charged), Sat, Sun (skipped), Mon 22:00 (charged) → −10.
            broker.ProcessQuote(new DateTime(2024, 3, 11, 23, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-10).Within(1e-12));
        }

        [Test]
        public void Swap_AnnualPercentage_ChargedOnNotional()
        {
            var spec = Btc();
            spec.SwapType = SimSwapType.Percentage;
            spec.SwapLong = -36; // −36 %/year over 360 days = −0.1 %/day of 30,000 = −30
            spec.Swap3DaysRollover = null;
            var broker = OpenHalfBtcAt60000(spec, out var p);
            broker.ProcessQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-30).Within(1e-9));
        }

        [Test]
        public void Swap_Points_UsesDigits()
        {
            var spec = Btc(); // digits 2 → 1 point = 0.01
            spec.SwapType = SimSwapType.Points;
            spec.SwapLong = -500; // −5.00 USD per BTC per day → 0.5 BTC = −2.5
            spec.Swap3DaysRollover = null;
            var broker = OpenHalfBtcAt60000(spec, out var p);
            broker.ProcessQuote(new DateTime(2024, 3, 4, 22, 0, 0, DateTimeKind.Utc), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(-2.5).Within(1e-9));
        }

        [Test]
        public void Funding_PositiveRate_LongPaysShortReceives()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60010);
            var longPos = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var shortPos = broker.ExecuteMarketOrder(Sell(0.5)).Position!;
            var at = new DateTime(2024, 3, 4, 16, 0, 0, DateTimeKind.Utc);
            broker.SetFundingSchedule(broker.Symbol, new[] { new FundingRate(at, 0.0001) });
            broker.ProcessQuote(at.AddSeconds(-1), 60000, 60010);
            Assert.That(longPos.Swap, Is.EqualTo(0));
            // At the first quote at/after 16:00: mid 60,005; 0.0001 × 0.5 × 60,005 = 3.00025 → booked 3.00 (cents).
            broker.ProcessQuote(at, 60000, 60010);
            Assert.That(longPos.Swap, Is.EqualTo(-3.00));
            Assert.That(shortPos.Swap, Is.EqualTo(3.00));
            broker.ProcessQuote(at.AddHours(1), 60000, 60010);
            Assert.That(longPos.Swap, Is.EqualTo(-3.00)); // applied once
        }

        [Test]
        public void Funding_EventsSkippedByTimeJump_AllApplied()
        {
            var broker = Broker();
            broker.ProcessQuote(T0, 60000, 60000);
            var p = broker.ExecuteMarketOrder(Buy(0.5)).Position!;
            var d = new DateTime(2024, 3, 4, 16, 0, 0, DateTimeKind.Utc);
            broker.SetFundingSchedule(broker.Symbol, new[]
            {
                new FundingRate(d, 0.0001), new FundingRate(d.AddHours(8), -0.0002), new FundingRate(d.AddHours(16), 0.0001),
            });
            // One quote at 16:00+8h covers the first two events (notional 0.5 × 60,000 = 30,000):
            // −0.0001 × 30,000 = −3, then +0.0002 × 30,000 = +6 → +3; the third is still ahead.
            broker.ProcessQuote(d.AddHours(8), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(3).Within(1e-9));
            broker.ProcessQuote(d.AddHours(20), 60000, 60000);
            Assert.That(p.Swap, Is.EqualTo(0).Within(1e-9));
        }
    }
}
