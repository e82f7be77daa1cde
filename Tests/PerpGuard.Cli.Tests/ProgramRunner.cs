using System;
using System.Globalization;
using System.IO;
using Newtonsoft.Json.Linq;

namespace PerpGuard.Cli.Tests
{
    /// <summary>Runs <c>Program.Main</c> in-process with stdout/stderr captured (and optionally a culture).</summary>
    internal static class ProgramRunner
    {
        private static readonly object Gate = new object();

        public static (int Exit, string Out, string Err) Run(CultureInfo? culture, params string[] args)
        {
            lock (Gate)
            {
                var oldOut = Console.Out;
                var oldErr = Console.Error;
                var oldCulture = CultureInfo.CurrentCulture;
                var oldUi = CultureInfo.CurrentUICulture;
                var stdout = new StringWriter(CultureInfo.InvariantCulture);
                var stderr = new StringWriter(CultureInfo.InvariantCulture);
                try
                {
                    Console.SetOut(stdout);
                    Console.SetError(stderr);
                    if (culture is not null)
                    {
                        CultureInfo.CurrentCulture = culture;
                        CultureInfo.CurrentUICulture = culture;
                    }

                    var exit = Program.Main(args);
                    return (exit, stdout.ToString(), stderr.ToString());
                }
                finally
                {
                    Console.SetOut(oldOut);
                    Console.SetError(oldErr);
                    CultureInfo.CurrentCulture = oldCulture;
                    CultureInfo.CurrentUICulture = oldUi;
                }
            }
        }

        public static (int Exit, string Out, string Err) Run(params string[] args) => Run(null, args);

        /// <summary>Runs with --json and parses stdout, asserting it is exactly one JSON object.</summary>
        public static JObject Json(CultureInfo? culture, params string[] args)
        {
            var all = new string[args.Length + 1];
            args.CopyTo(all, 0);
            all[args.Length] = "--json";
            var (exit, output, err) = Run(culture, all);
            Assert.That(exit, Is.EqualTo(0), err);
            Assert.That(output.Trim().Split('\n'), Has.Length.EqualTo(1), "exactly one line of JSON");
            return JObject.Parse(output);
        }

        public static JObject Json(params string[] args) => Json(null, args);

        /// <summary>A comma-decimal culture that exists even with invariant globalization (like de-DE: 1.234,5).</summary>
        public static CultureInfo CommaCulture()
        {
            var c = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            c.NumberFormat.NumberDecimalSeparator = ",";
            c.NumberFormat.NumberGroupSeparator = ".";
            return c;
        }
    }
}
