using System;
using System.Collections.Generic;
using System.Linq;

namespace PerpGuard.Cli.Backtest
{
    /// <summary>
    /// The cBots the CLI can run, found by name in the robot assemblies the CLI references
    /// (cAlgo.Robots.&lt;Name&gt; in assembly &lt;Name&gt;). Looked up at run time so the command builds
    /// before every robot exists.
    /// </summary>
    public static class RobotCatalog
    {
        public static readonly IReadOnlyList<string> Names = new[] { "RiskManagedScalper", "TradeGuardian" };

        /// <summary>The robot type, or null with a reason.</summary>
        public static Type? Find(string name, out string? problem)
        {
            var known = Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
            if (known == null)
            {
                problem = $"unknown robot '{name}' (expected one of: {string.Join(", ", Names)})";
                return null;
            }

            var type = Type.GetType($"cAlgo.Robots.{known}, {known}", throwOnError: false);
            if (type == null)
            {
                problem = $"robot '{known}' is not built into this perpguard (no cAlgo.Robots.{known} type)";
                return null;
            }

            problem = null;
            return type;
        }

        /// <summary>Canonical spelling of a known robot name.</summary>
        public static string Canonical(string name) =>
            Names.FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) ?? name;
    }
}
