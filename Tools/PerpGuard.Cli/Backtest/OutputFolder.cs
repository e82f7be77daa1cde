using System;
using System.Collections.Generic;
using System.IO;
using PerpGuard.Headless.Runtime;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>
    /// Output paths checked before a run, so a bad --out is an argument error (exit 2, one line) rather than
    /// an "unexpected error" after the whole backtest has run; and parameter errors as one line.
    /// </summary>
    public static class OutputFolder
    {
        /// <summary>--out DIR: must not be a file, nor lie under one. Nothing is created here: a run refused later leaves no folder.</summary>
        public static void Prepare(string dir, string option, List<string> problems)
        {
            if (File.Exists(dir))
            {
                problems.Add($"{option} '{dir}' is a file; give a folder");
                return;
            }

            CheckCreatable(dir, option, problems);
        }

        /// <summary>--out FILE: must not be a folder, and its folder must be creatable.</summary>
        public static void PrepareFile(string file, string option, List<string> problems)
        {
            if (Directory.Exists(file))
            {
                problems.Add($"{option} '{file}' is a folder; give a file name");
                return;
            }

            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
            {
                if (File.Exists(folder))
                {
                    problems.Add($"{option} '{file}': '{folder}' is a file, not a folder");
                    return;
                }

                CheckCreatable(folder, option, problems);
            }
        }

        /// <summary>"Invalid parameters: a; b" — the binder's lines joined, without a separator after the colon.</summary>
        public static string OneLine(ParameterBindingException ex)
            => ex.Violations.Count == 0
                ? ex.Message.Replace("\n", " ", StringComparison.Ordinal)
                : "Invalid parameters: " + string.Join("; ", ex.Violations);

        // The nearest existing ancestor must be a folder; a file there means the folder cannot be created.
        private static void CheckCreatable(string dir, string option, List<string> problems)
        {
            string full;
            try
            {
                full = Path.GetFullPath(dir);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                problems.Add($"{option} '{dir}' is not a valid path: {ex.Message}");
                return;
            }

            for (var p = full; !string.IsNullOrEmpty(p); p = Path.GetDirectoryName(p))
            {
                if (Directory.Exists(p))
                {
                    return;
                }

                if (File.Exists(p))
                {
                    problems.Add($"{option} '{dir}' cannot be created: '{p}' is a file");
                    return;
                }
            }
        }
    }
}
