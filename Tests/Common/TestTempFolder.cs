using System;
using System.IO;

/// <summary>
/// Gives each test assembly run its own temporary folder and deletes it afterwards. Backtests, LocalStorage
/// and journal tests write under <see cref="Path.GetTempPath"/> in folders named per test; without this they
/// stayed behind in the machine's temp folder after every run (thousands of them). Path.GetTempPath reads
/// TMPDIR (Unix) or TMP (Windows) on every call, so pointing those at the run's folder is enough; child
/// processes a test starts inherit it. In the global namespace so NUnit applies it to the whole assembly.
/// </summary>
[SetUpFixture]
public sealed class TestTempFolder
{
    private string? _folder;
    private string? _previousTmpDir;
    private string? _previousTmp;

    [OneTimeSetUp]
    public void RedirectTemp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "perpguard-testrun-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _previousTmpDir = Environment.GetEnvironmentVariable("TMPDIR");
        _previousTmp = Environment.GetEnvironmentVariable("TMP");
        Environment.SetEnvironmentVariable("TMPDIR", _folder);
        Environment.SetEnvironmentVariable("TMP", _folder);
    }

    [OneTimeTearDown]
    public void DeleteTemp()
    {
        Environment.SetEnvironmentVariable("TMPDIR", _previousTmpDir);
        Environment.SetEnvironmentVariable("TMP", _previousTmp);
        if (_folder is null)
        {
            return;
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException e)
        {
            // A file still open (Windows) keeps the folder; say so rather than fail a green run.
            TestContext.Progress.WriteLine("Could not delete the test run's temp folder " + _folder + ": " + e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            TestContext.Progress.WriteLine("Could not delete the test run's temp folder " + _folder + ": " + e.Message);
        }
    }
}
