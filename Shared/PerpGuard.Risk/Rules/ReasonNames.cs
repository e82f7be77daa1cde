using System;
using System.Collections.Generic;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// The name of each reason code, looked up once: <c>ReasonCode.ToString()</c> boxes the value on every
    /// call, and refusals are named on a hot path. Unknown values fall back to ToString.
    /// </summary>
    public static class ReasonNames
    {
        private static readonly Dictionary<ReasonCode, string> Names = Build();

        public static string Of(ReasonCode reason) => Names.TryGetValue(reason, out var name) ? name : reason.ToString();

        private static Dictionary<ReasonCode, string> Build()
        {
            var names = new Dictionary<ReasonCode, string>();
            foreach (ReasonCode code in Enum.GetValues(typeof(ReasonCode)))
            {
                names[code] = code.ToString();
            }

            return names;
        }
    }
}
