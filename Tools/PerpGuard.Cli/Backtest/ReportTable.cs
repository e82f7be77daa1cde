using System.Globalization;
using System.Linq;
using Spectre.Console;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>The console report: cTrader-like trade statistics, then the risk view.</summary>
    public static class ReportTable
    {
        public static void Render(IAnsiConsole console, BacktestReport r)
        {
            var s = r.Statistics;
            var c = CultureInfo.InvariantCulture;
            string M(double v) => v.ToString("#,0.00", c);
            string P(double v) => v.ToString("0.00", c) + " %";
            string N(double? v, string format = "0.00") => v.HasValue && !double.IsNaN(v.Value) ? v.Value.ToString(format, c) : "n/a";

            console.MarkupLine($"[bold]{Markup.Escape(r.Robot)}[/] on [bold]{Markup.Escape(r.Symbol)}[/] — {Markup.Escape(r.DataSource)}");
            var period = r.FirstBarUtc.HasValue && r.LastBarUtc.HasValue
                ? $"{r.FirstBarUtc.Value.ToString("yyyy-MM-dd HH:mm", c)} → {r.LastBarUtc.Value.ToString("yyyy-MM-dd HH:mm", c)} UTC"
                : "no bars";
            console.MarkupLine($"{r.Bars.ToString("#,0", c)} bars, {Markup.Escape(period)}, engine {r.EngineSeconds.ToString("0.000", c)} s");

            var t = new Table().Border(TableBorder.Rounded).Title("Trade statistics (" + Markup.Escape(r.AccountCurrency) + ")");
            t.AddColumn("Metric");
            t.AddColumn(new TableColumn("Value").RightAligned());
            t.AddRow("Initial balance", M(r.InitialBalance));
            t.AddRow("Ending balance", M(s.EndingBalance));
            t.AddRow("Net profit", M(s.NetProfit));
            t.AddRow("Gross profit", M(s.GrossProfit));
            t.AddRow("Gross loss", M(s.GrossLoss));
            t.AddRow("Trades", s.Trades.ToString(c));
            t.AddRow("Winning trades", $"{s.Wins.ToString(c)} ({P(s.WinRate * 100)})");
            t.AddRow("Losing trades", s.Losses.ToString(c));
            t.AddRow("Profit factor", N(s.ProfitFactor));
            t.AddRow("Average trade", M(s.AverageTrade));
            t.AddRow("Largest winning trade", M(s.LargestWin));
            t.AddRow("Largest losing trade", M(s.LargestLoss));
            t.AddRow("Max consecutive wins / losses", $"{s.MaxConsecutiveWins.ToString(c)} / {s.MaxConsecutiveLosses.ToString(c)}");
            t.AddRow("Max balance drawdown", $"{M(s.MaxBalanceDrawdown.Money)} ({P(s.MaxBalanceDrawdown.Percent)})");
            t.AddRow("Max equity drawdown", $"{M(s.MaxEquityDrawdown.Money)} ({P(s.MaxEquityDrawdown.Percent)})");
            t.AddRow("Sharpe ratio (daily, ×√365)", N(s.SharpeRatio));
            t.AddRow("Sortino ratio (daily, ×√365)", N(s.SortinoRatio));
            t.AddRow("Commissions", M(s.Commissions));
            t.AddRow("Swaps / funding", M(s.Swaps));
            console.Write(t);

            var risk = new Table().Border(TableBorder.Rounded).Title("Risk view");
            risk.AddColumn("Metric");
            risk.AddColumn(new TableColumn("Value").RightAligned());
            risk.AddRow("Trades with planned risk", s.TradesWithR.ToString(c));
            risk.AddRow("Expectancy (R)", N(s.ExpectancyR, "0.000"));
            risk.AddRow("Best / worst trade (R)", $"{N(s.BestR)} / {N(s.WorstR)}");
            risk.AddRow("Trades refused", r.Risk.RefusedByReason.Values.Sum().ToString(c));
            foreach (var kv in r.Risk.RefusedByReason)
            {
                risk.AddRow("  refused: " + Markup.Escape(kv.Key), kv.Value.ToString(c));
            }

            risk.AddRow("Days halted", r.Risk.HaltedDays.Count.ToString(c));
            risk.AddRow("Open positions at end", r.OpenPositionsAtEnd.ToString(c));
            console.Write(risk);

            if (s.TradesWithR > 0)
            {
                var chart = new BarChart().Label("R distribution").Width(60);
                foreach (var b in s.RDistribution)
                {
                    chart.AddItem(Markup.Escape(b.Label), b.Count, b.Lower < 0 ? Color.Red : Color.Green);
                }

                console.Write(chart);
            }

            foreach (var e in r.Errors.Take(5))
            {
                console.MarkupLine("[red]algo error:[/] " + Markup.Escape(e));
            }
        }
    }
}
