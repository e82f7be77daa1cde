using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Threading;
using PerpGuard.Cli.Calculators;
using PerpGuard.Risk.Instruments;
using PerpGuard.Risk.Primitives;
using PerpGuard.Risk.Sizing;
using Spectre.Console;
using Spectre.Console.Cli;

namespace PerpGuard.Cli.Commands
{
    /// <summary>
    /// <c>perpguard size</c>: the position size for a fixed-% risk, net of fees, with the leverage cap
    /// and the net-of-fee take-profit; the stop is given (--stop) or entry ∓ m × ATR (--atr). A refusal the
    /// market decides (e.g. below the minimum volume) is a result: exit 0; an input error (a stop on the
    /// wrong side, risk above 2 % or a cap above 10x without the override) is exit 2 with one line.
    /// </summary>
    public sealed class SizeCommand : Command<SizeCommand.Settings>
    {
        /// <summary>The stop distance in ATRs when --atr is given alone: RiskManagedScalper's "Stop ATR multiple" default.</summary>
        public const double DefaultAtrMultiple = 1.5;

        public sealed class Settings : CommandSettings
        {
            [CommandOption("--equity <AMOUNT>")]
            [Description("Account equity (account currency = quote currency).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Equity { get; set; }

            [CommandOption("--risk-percent <PERCENT>")]
            [Description("Risk per trade in percent of equity (1 = 1 %). Above 2 needs --allow-risk-above-2.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? RiskPercent { get; set; }

            [CommandOption("--side <SIDE>")]
            [Description("long or short.")]
            public string? Side { get; set; }

            [CommandOption("--entry <PRICE>")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Entry { get; set; }

            [CommandOption("--stop <PRICE>")]
            [Description("Stop price the order will carry. Or give --atr instead.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Stop { get; set; }

            [CommandOption("--atr <PRICE>")]
            [Description("ATR in price units: the stop is entry ∓ --atr-multiple × ATR (rounded toward the market). Instead of --stop.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Atr { get; set; }

            [CommandOption("--atr-multiple <M>")]
            [Description("Stop distance in ATRs with --atr. Default 1.5 (the scalper's Stop ATR multiple).")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? AtrMultiple { get; set; }

            [CommandOption("--fee-percent <PERCENT>")]
            [Description("Fee per side in percent of notional (0.05 = 0.05 %). Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? FeePercent { get; set; }

            [CommandOption("--min-commission <AMOUNT>")]
            [Description("Broker's minimum commission per side in account currency (cTrader Symbol.MinCommission): each side costs max(fee, minimum). Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? MinCommission { get; set; }

            [CommandOption("--daily-loss-left <AMOUNT>")]
            [Description("What is left of today's loss limit, account currency: the risk is the smaller of equity × risk % and this (as the bots size). 0 = no budget left. Default: no daily limit.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? DailyLossLeft { get; set; }

            [CommandOption("--money-step <AMOUNT>")]
            [Description("Smallest amount the broker books (0.01 = cents, as the bots size): keeps a reserve of 3 units per trade for the rounding. Default 0 = exact money.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? MoneyStep { get; set; }

            [CommandOption("--volume-step <UNITS>")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? VolumeStep { get; set; }

            [CommandOption("--volume-min <UNITS>")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? VolumeMin { get; set; }

            [CommandOption("--volume-max <UNITS>")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? VolumeMax { get; set; }

            [CommandOption("--max-leverage <X>")]
            [Description("Effective leverage cap (notional / equity). Default 5; above 10 needs --allow-leverage-above-10.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? MaxLeverage { get; set; }

            [CommandOption("--reward-risk <RATIO>")]
            [Description("Minimum reward:risk net of fees for the take-profit. Default 1.5.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? RewardRisk { get; set; }

            [CommandOption("--tick-size <PRICE>")]
            [Description("Price tick; the stop must lie on it. Default: 0.01, or finer when --entry or --stop has more decimals.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? TickSize { get; set; }

            [CommandOption("--slippage <PRICE>")]
            [Description("Expected adverse slippage on the stop, in price units. Default 0.")]
            [TypeConverter(typeof(InvariantDoubleConverter))]
            public double? Slippage { get; set; }

            [CommandOption("--allow-risk-above-2")]
            [Description("Explicit override: allow risk above 2 % of equity.")]
            public bool AllowRiskAboveTwo { get; set; }

            [CommandOption("--allow-leverage-above-10")]
            [Description("Explicit override: allow a leverage cap above 10x.")]
            public bool AllowLeverageAboveTen { get; set; }

            [CommandOption("--json")]
            [Description("Print one JSON object instead of a table.")]
            public bool Json { get; set; }

            public override ValidationResult Validate()
            {
                var problems = new List<string>();
                Required(problems, Equity, "--equity", positive: true);
                Required(problems, RiskPercent, "--risk-percent", positive: true);
                Required(problems, Entry, "--entry", positive: true);
                StopOrAtr(problems);
                Required(problems, VolumeStep, "--volume-step", positive: true);
                Required(problems, VolumeMin, "--volume-min", positive: true);
                Optional(problems, VolumeMax, "--volume-max", allowZero: false);
                Optional(problems, MaxLeverage, "--max-leverage", allowZero: false);
                Optional(problems, TickSize, "--tick-size", allowZero: false);
                Optional(problems, FeePercent, "--fee-percent", allowZero: true);
                Optional(problems, MinCommission, "--min-commission", allowZero: true);
                Optional(problems, RewardRisk, "--reward-risk", allowZero: true);
                Optional(problems, Slippage, "--slippage", allowZero: true);
                Optional(problems, MoneyStep, "--money-step", allowZero: true);
                Optional(problems, DailyLossLeft, "--daily-loss-left", allowZero: true);
                if (Side is null)
                {
                    problems.Add("--side is required (long or short)");
                }
                else if (!CliParse.TryParseSide(Side, out _))
                {
                    problems.Add($"--side must be long or short, not '{Side}'");
                }

                if (RiskPercent > SizingDefaults.MaxRiskFractionWithoutOverride * 100 && !AllowRiskAboveTwo)
                {
                    problems.Add(FormattableString.Invariant($"--risk-percent {RiskPercent.Value} is above 2: add --allow-risk-above-2 if you mean it"));
                }

                if (MaxLeverage > SizingDefaults.HardMaxLeverage && !AllowLeverageAboveTen)
                {
                    problems.Add(FormattableString.Invariant($"--max-leverage {MaxLeverage.Value} is above 10: add --allow-leverage-above-10 if you mean it"));
                }

                if (TickSize > 0 && Stop > 0 && StepMath.Nearest(Stop.Value, TickSize.Value) != Stop.Value)
                {
                    // Rounding it would size for a stop the trader does not place (toward the market: more risk).
                    problems.Add(FormattableString.Invariant($"--stop {Stop.Value} is not a multiple of --tick-size {TickSize.Value}: give the stop price your order will carry"));
                }

                if (VolumeMax.HasValue && VolumeMin.HasValue && VolumeMax.Value < VolumeMin.Value)
                {
                    problems.Add("--volume-max must not be below --volume-min");
                }

                if (MinCommission.HasValue && (double.IsNaN(MinCommission.Value) || double.IsInfinity(MinCommission.Value)))
                {
                    problems.Add("--min-commission must be finite");
                }

                if (FeePercent.HasValue && FeePercent.Value >= 100)
                {
                    problems.Add("--fee-percent must be below 100");
                }

                return problems.Count == 0 ? ValidationResult.Success() : ValidationResult.Error(string.Join("; ", problems) + ".");
            }

            /// <summary>
            /// Exactly one of --stop and --atr, on the losing side of the entry: a long's stop below it, a short's
            /// above. The sizer would refuse such a stop too, but as a result (exit 0) that a script reads as "no
            /// size"; it is a typing error, so it is reported as one with the other option errors.
            /// </summary>
            private void StopOrAtr(List<string> problems)
            {
                if (Stop.HasValue && Atr.HasValue)
                {
                    problems.Add("give --stop or --atr, not both");
                    return;
                }

                if (!Stop.HasValue && !Atr.HasValue)
                {
                    problems.Add("--stop (or --atr) is required");
                    return;
                }

                if (AtrMultiple.HasValue && !Atr.HasValue)
                {
                    problems.Add("--atr-multiple goes with --atr");
                }

                Required(problems, Stop ?? Atr, Stop.HasValue ? "--stop" : "--atr", positive: true);
                Optional(problems, AtrMultiple, "--atr-multiple", allowZero: false);
                if (!(Entry > 0) || Side is null || !CliParse.TryParseSide(Side, out var side))
                {
                    return;
                }

                var entry = Entry.Value;
                if (Stop > 0)
                {
                    var stop = Stop.Value;
                    if (side == TradeSide.Long && !(stop < entry))
                    {
                        problems.Add(FormattableString.Invariant($"--stop {stop} is not below --entry {entry}: a long's stop must be below the entry"));
                    }
                    else if (side == TradeSide.Short && !(stop > entry))
                    {
                        problems.Add(FormattableString.Invariant($"--stop {stop} is not above --entry {entry}: a short's stop must be above the entry"));
                    }
                }
                else if (Atr > 0 && side == TradeSide.Long && AtrDistance >= entry)
                {
                    problems.Add(FormattableString.Invariant($"--atr-multiple × --atr = {AtrDistance} puts a long's stop at or below 0 (entry {entry})"));
                }
            }

            /// <summary>The ATR stop distance, multiple × ATR.</summary>
            internal double AtrDistance => (AtrMultiple ?? DefaultAtrMultiple) * (Atr ?? 0);

            private static void Required(List<string> problems, double? value, string name, bool positive)
            {
                if (!value.HasValue)
                {
                    problems.Add(name + " is required");
                }
                else if (positive && !(value.Value > 0))
                {
                    problems.Add(name + " must be positive");
                }
            }

            private static void Optional(List<string> problems, double? value, string name, bool allowZero)
            {
                if (value.HasValue && (allowZero ? value.Value < 0 : !(value.Value > 0)))
                {
                    problems.Add(name + (allowZero ? " must not be negative" : " must be positive"));
                }
            }
        }

        /// <summary>What --json prints (camelCase).</summary>
        public sealed class Result
        {
            public double Volume { get; set; }

            public double RiskMoney { get; set; }

            public double PlannedRisk { get; set; }

            public double PerUnitRisk { get; set; }

            public double Leverage { get; set; }

            public double Notional { get; set; }

            public double? TakeProfit { get; set; }

            public double Stop { get; set; }

            /// <summary>The price tick the stop and target were rounded to (given, or assumed from the prices).</summary>
            public double TickSize { get; set; }

            public bool Refused { get; set; }

            public string? Reason { get; set; }

            /// <summary>The refusal's sentence with the numbers that decided it (null when not refused).</summary>
            public string? Message { get; set; }

            /// <summary>
            /// below-minimum-volume and no-risk-budget: what the broker's minimum volume would lose at this stop, fees
            /// included, to the cent (null otherwise): the risk money a trade here needs at least.
            /// </summary>
            public double? MinimumVolumeRisk { get; set; }

            public string[] BindingCaps { get; set; } = Array.Empty<string>();

            public string[] Warnings { get; set; } = Array.Empty<string>();
        }

        protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
        {
            CliParse.TryParseSide(settings.Side!, out var side);
            var atrStop = settings.Atr.HasValue;
            // With --atr the stop is computed, so only the entry tells the price's decimals.
            var tick = settings.TickSize ?? AssumedTick(settings.Entry!.Value, settings.Stop ?? settings.Entry!.Value);
            var fee = settings.FeePercent ?? 0;
            var commission = fee > 0 ? CommissionModel.PercentOfVolume(Fraction.FromPercent(fee)) : CommissionModel.None;
            if (settings.MinCommission.HasValue && settings.MinCommission.Value > 0)
            {
                commission = commission.WithMinimum(MinimumCommission.InAccountCurrency(settings.MinCommission.Value));
            }

            var symbol = new InstrumentSpec(
                "CLI",
                tickSize: tick,
                volumeMin: settings.VolumeMin!.Value,
                volumeStep: settings.VolumeStep!.Value,
                volumeMax: settings.VolumeMax ?? double.PositiveInfinity,
                commission: commission);
            var request = new SizingRequest
            {
                Symbol = symbol,
                Side = side,
                Entry = new Price(settings.Entry!.Value),
                Mode = atrStop ? SizingMode.Volatility : SizingMode.FixedFraction,
                Stop = atrStop ? (Price?)null : new Price(settings.Stop!.Value),
                Atr = settings.Atr ?? 0,
                AtrStopMultiple = settings.AtrMultiple ?? DefaultAtrMultiple,
                Equity = new Money(settings.Equity!.Value, "ACC"),
                RiskFraction = Fraction.FromPercent(settings.RiskPercent!.Value),
                MaxLeverage = settings.MaxLeverage ?? SizingDefaults.MaxLeverage,
                RewardRisk = settings.RewardRisk ?? Risk.Stops.TargetCalculator.DefaultRewardRisk,
                SlippageAllowance = settings.Slippage ?? 0,
                MoneyStep = settings.MoneyStep ?? 0,
                RemainingDailyAllowance = settings.DailyLossLeft.HasValue ? new Money(settings.DailyLossLeft.Value, "ACC") : (Money?)null,
                AllowRiskAboveTwoPercent = settings.AllowRiskAboveTwo,
                AllowLeverageAboveHardMax = settings.AllowLeverageAboveTen,
            };

            var d = PositionSizer.Decide(request);
            var volumeDecimals = Risk.Primitives.StepMath.DecimalsOf(symbol.VolumeStep);
            var priceDecimals = Risk.Primitives.StepMath.DecimalsOf(tick);
            var result = new Result
            {
                Volume = CliFormat.Round(d.Volume.Units, volumeDecimals),
                RiskMoney = CliFormat.Round(d.RealisedRisk.Amount, 2),
                PlannedRisk = CliFormat.Round(d.PlannedRisk.Amount, 2),
                // A cost per unit is a price distance plus fees: as fine as the tick and a little finer (a 1e-8 tick
                // coin costs a few 1e-7 per unit, which 8 decimals would cut to two digits).
                PerUnitRisk = CliFormat.Round(d.PerUnitRisk, Math.Max(8, priceDecimals + 4)),
                Leverage = CliFormat.Round(d.Leverage, 2),
                Notional = CliFormat.Round(d.Notional.Amount, 2),
                TakeProfit = d.TakeProfit.HasValue ? CliFormat.Round(d.TakeProfit.Value.Value, priceDecimals) : (double?)null,
                Stop = CliFormat.Round(d.Stop.Value, priceDecimals),
                TickSize = tick,
                Refused = d.IsRefused,
                Reason = d.IsRefused ? d.ReasonCode : null,
                Message = d.IsRefused ? d.Message : null,
                MinimumVolumeRisk = d.IsRefused && !double.IsNaN(d.MinimumVolumeRisk) ? CliFormat.Round(d.MinimumVolumeRisk, 2) : (double?)null,
                BindingCaps = CliParse.CapCodes(d.BindingCaps),
                Warnings = CliParse.WarningCodes(d.Warnings),
            };

            if (settings.Json)
            {
                Console.Out.WriteLine(CliFormat.Json(result));
                return 0;
            }

            var console = CliParse.Console();
            var table = new Table().Border(TableBorder.Rounded).AddColumn("Quantity").AddColumn(new TableColumn("Value").RightAligned());
            table.AddRow("Volume (units)", d.IsRefused ? "[red]refused[/]" : CliFormat.Number(result.Volume, volumeDecimals));
            table.AddRow("Risk if stopped (fees incl.)", CliFormat.Number(result.RiskMoney, 2));
            table.AddRow("Planned risk", CliFormat.Number(result.PlannedRisk, 2));
            table.AddRow("Cost per unit to the stop", CliFormat.Number(d.PerUnitRisk, Math.Max(4, priceDecimals + 2)));
            table.AddRow(settings.TickSize.HasValue ? "Price tick" : "Price tick (assumed)", CliFormat.Number(tick, priceDecimals));
            var stopLabel = atrStop
                ? FormattableString.Invariant($"Stop (entry {(side == TradeSide.Long ? "−" : "+")} {settings.AtrMultiple ?? DefaultAtrMultiple} × ATR)")
                : "Stop";
            table.AddRow(Markup.Escape(stopLabel), CliFormat.Number(result.Stop, priceDecimals));
            table.AddRow("Take-profit (net of fees)", result.TakeProfit.HasValue ? CliFormat.Number(result.TakeProfit.Value, priceDecimals) : "-");
            table.AddRow("Effective leverage", CliFormat.Number(result.Leverage, 2) + "x");
            table.AddRow("Caps that bound", result.BindingCaps.Length == 0 ? "-" : string.Join(", ", result.BindingCaps));
            if (result.Warnings.Length > 0)
            {
                table.AddRow("[yellow]Overrides used[/]", string.Join(", ", result.Warnings));
            }

            if (d.IsRefused)
            {
                table.AddRow("[red]Refused[/]", Markup.Escape(result.Reason + ": " + result.Message));
            }

            console.Write(table);
            return 0;
        }
    
        /// <summary>
        /// Without --tick-size: 0.01, or the finest decimal the entry or stop is written with (up to 12), so the
        /// trader's own stop is never moved: XRP 1.0523 / 1.0412 → 0.0001, not a 0.01 grid that would pull the
        /// stop to 1.05 and size for a stop nearly 5 times closer than the one placed (3.6 times the risk).
        /// </summary>
        internal static double AssumedTick(double entry, double stop)
        {
            var decimals = Math.Max(2, Math.Max(StepMath.DecimalsOf(entry), StepMath.DecimalsOf(stop)));
            return Math.Round(Math.Pow(10, -decimals), decimals);
        }
    }
}
