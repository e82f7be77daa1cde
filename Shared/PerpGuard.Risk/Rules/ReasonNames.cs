using System;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// The name of each reason code, made once: <c>ReasonCode.ToString()</c> boxes the value on every call, and
    /// refusals are named on a hot path. An array indexed by the code (the codes are small numbers), so naming
    /// costs an index, not a hash. Unknown values fall back to ToString.
    /// </summary>
    public static class ReasonNames
    {
        private static readonly string?[] Names = Build();

        public static string Of(ReasonCode reason)
        {
            var i = (int)reason;
            var names = Names;
            return (uint)i < (uint)names.Length && names[i] is string name ? name : reason.ToString();
        }

        private static string?[] Build()
        {
            var max = 0;
            foreach (ReasonCode code in Enum.GetValues(typeof(ReasonCode)))
            {
                max = Math.Max(max, (int)code);
            }

            var names = new string?[max + 1];
            foreach (ReasonCode code in Enum.GetValues(typeof(ReasonCode)))
            {
                if ((int)code >= 0)
                {
                    names[(int)code] = code.ToString();
                }
            }

            return names;
        }
    }
}
