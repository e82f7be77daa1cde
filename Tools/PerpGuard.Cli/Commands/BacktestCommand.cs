using System.Threading;
using Spectre.Console.Cli;

namespace PerpGuard.Cli.Commands
{
    // Placeholder until the issue that owns this command lands.
    public sealed class BacktestCommand : Command<BacktestCommand.Settings>
    {
        public sealed class Settings : CommandSettings
        {
        }

        protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
        {
            System.Console.Error.WriteLine("perpguard: 'Backtest' is not implemented yet.");
            return 2;
        }
    }
}
