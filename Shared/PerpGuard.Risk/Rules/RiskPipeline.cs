using System;
using System.Collections.Generic;
using System.Text;

namespace PerpGuard.Risk.Rules
{
    /// <summary>
    /// Rules composed in order (like Lean's composite risk model or a Polly pipeline): the first
    /// deny wins and stops the walk; reductions combine by taking the smallest scale. The rules are
    /// inspectable through <see cref="Rules"/>. Evaluating allocates nothing.
    /// </summary>
    public sealed class RiskPipeline : IRiskRule
    {
        private readonly IRiskRule[] _rules;

        public RiskPipeline(IEnumerable<IRiskRule> rules, string name = "RiskPipeline")
        {
            if (rules is null)
            {
                throw new ArgumentNullException(nameof(rules));
            }

            var list = new List<IRiskRule>();
            foreach (var rule in rules)
            {
                list.Add(rule ?? throw new ArgumentException("A pipeline cannot hold a null rule.", nameof(rules)));
            }

            _rules = list.ToArray();
            Name = name;
            Rules = Array.AsReadOnly(_rules);
        }

        public string Name { get; }

        /// <summary>The rules in evaluation order.</summary>
        public IReadOnlyList<IRiskRule> Rules { get; }

        public static RiskPipelineBuilder Builder(string name = "RiskPipeline") => new RiskPipelineBuilder(name);

        public RiskDecision Evaluate(in RiskContext context)
        {
            var result = RiskDecision.Allow();
            for (var i = 0; i < _rules.Length; i++)
            {
                var decision = _rules[i].Evaluate(context);
                if (decision.Verdict == Verdict.Deny)
                {
                    return decision;
                }

                if (decision.Verdict == Verdict.Reduce && decision.Scale < result.Scale)
                {
                    result = decision;
                }
            }

            return result;
        }

        /// <summary>Rule names in order, e.g. for a start-up log line.</summary>
        public string Describe()
        {
            var text = new StringBuilder(Name).Append(": ");
            for (var i = 0; i < _rules.Length; i++)
            {
                if (i > 0)
                {
                    text.Append(" -> ");
                }

                text.Append(_rules[i].Name);
            }

            return text.ToString();
        }
    }

    /// <summary>Adds rules in order; <see cref="Build"/> freezes them into a pipeline.</summary>
    public sealed class RiskPipelineBuilder
    {
        private readonly List<IRiskRule> _rules = new List<IRiskRule>();
        private readonly string _name;

        public RiskPipelineBuilder(string name)
        {
            _name = name;
        }

        public RiskPipelineBuilder Add(IRiskRule rule)
        {
            _rules.Add(rule ?? throw new ArgumentNullException(nameof(rule)));
            return this;
        }

        /// <summary>Adds the rule only when <paramref name="condition"/> holds (a setting that is off).</summary>
        public RiskPipelineBuilder AddIf(bool condition, Func<IRiskRule> rule)
        {
            if (condition)
            {
                Add(rule());
            }

            return this;
        }

        public RiskPipeline Build() => new RiskPipeline(_rules, _name);
    }
}
