using System;
using cAlgo.API;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>
    /// Builds bars of a higher time frame from the run's base bars as they form (MarketData.GetBars).
    /// Buckets are UTC: minutes/hours/days floor the time, weeks start on Monday 00:00 UTC, months on the 1st.
    /// </summary>
    public sealed class TimeFrameAggregator
    {
        private readonly BarBuffer _source;
        private long _bucket = long.MinValue;
        private int _sourceBarsSeen;

        public TimeFrameAggregator(BarBuffer source, TimeFrame timeFrame, int capacity)
        {
            if (timeFrame.Duration == null && timeFrame.Kind != TimeFrameKind.Month)
            {
                throw new NotSupportedException("Only time-based frames can be built from bars: " + timeFrame.Name);
            }

            _source = source;
            TimeFrame = timeFrame;
            Buffer = new BarBuffer(capacity);
            CatchUp();
        }

        public TimeFrame TimeFrame { get; }

        public BarBuffer Buffer { get; }

        /// <summary>Bucket start (UTC ticks) of a bar opening at <paramref name="utcTicks"/>.</summary>
        public static long BucketStart(long utcTicks, TimeFrame timeFrame)
        {
            if (timeFrame.Kind == TimeFrameKind.Month)
            {
                var d = new DateTime(utcTicks, DateTimeKind.Utc);
                var months = ((d.Year * 12) + d.Month - 1) / timeFrame.UnitCount * timeFrame.UnitCount;
                return new DateTime(months / 12, (months % 12) + 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;
            }

            // DateTime tick 0 (0001-01-01) is a Monday, so flooring by whole weeks lands on Mondays.
            var size = timeFrame.Duration!.Value.Ticks;
            return utcTicks - (utcTicks % size);
        }

        /// <summary>Called after each base quote (after the base buffer took it).</summary>
        public void OnQuote(double bid)
        {
            if (_source.Count != _sourceBarsSeen)
            {
                CatchUp();
            }
            else if (_source.Count > 0)
            {
                Buffer.Update(bid);
            }
        }

        // Folds base bars not seen yet; the newest may still be forming (its values so far), later quotes
        // then reach it through OnQuote.
        private void CatchUp()
        {
            for (var i = _sourceBarsSeen; i < _source.Count; i++)
            {
                var bucket = BucketStart(_source.OpenTimeUtcTicks[i], TimeFrame);
                if (bucket != _bucket)
                {
                    _bucket = bucket;
                    Buffer.Append(bucket, _source.Open[i], _source.High[i], _source.Low[i], _source.Close[i], _source.TickVolume[i]);
                }
                else
                {
                    Buffer.MergeLast(_source.High[i], _source.Low[i], _source.Close[i], _source.TickVolume[i]);
                }
            }

            _sourceBarsSeen = _source.Count;
        }
    }
}
