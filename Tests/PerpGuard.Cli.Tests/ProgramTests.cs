namespace PerpGuard.Cli.Tests
{
    public class ProgramTests
    {
        [TestCase("size", "--equity", "10000", "--unknown-flag")]
        [TestCase("nonsense")]
        [TestCase("size", "--equity")]
        public void Main_BadArguments_ExitTwoOneLineOnStderr(params string[] args)
        {
            var (exit, output, err) = ProgramRunner.Run(args);

            Assert.That(exit, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(err.TrimEnd().Split('\n'), Has.Length.EqualTo(1));
            Assert.That(err, Does.StartWith("perpguard: "));
        }
    }
}
