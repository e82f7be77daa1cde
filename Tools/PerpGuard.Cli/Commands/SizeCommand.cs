using System.Threading;
using Spectre.Console.Cli;

namespace PerpGuard.Cli.Commands
{
    // Placeholder until the issue that owns this command lands.
    public sealed class SizeCommand : Command<SizeCommand.Settings>
    {
        public sealed class Settings : CommandSettings
        {
        }

        protected override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
        {
            System.Console.Error.WriteLine("perpguard: 'Size' is not implemented yet.");
            return 2;
        }
    }
}
