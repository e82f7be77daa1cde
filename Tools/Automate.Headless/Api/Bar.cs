#nullable disable
using System;
using System.Globalization;

namespace cAlgo.API
{
    public struct Bar : IEquatable<Bar>
    {
        internal Bar(DateTime openTime, double open, double high, double low, double close, long tickVolume)
        {
            OpenTime = openTime;
            Open = open;
            High = high;
            Low = low;
            Close = close;
            TickVolume = tickVolume;
        }

        public DateTime OpenTime { get; }
        public double Open { get; }
        public double High { get; }
        public double Low { get; }
        public double Close { get; }
        public long TickVolume { get; }

        public bool Equals(Bar other) => OpenTime == other.OpenTime && Open.Equals(other.Open) && High.Equals(other.High)
            && Low.Equals(other.Low) && Close.Equals(other.Close) && TickVolume == other.TickVolume;

        public override bool Equals(object obj) => obj is Bar other && Equals(other);

        public override int GetHashCode() => HashCode.Combine(OpenTime, Open, High, Low, Close, TickVolume);

        public override string ToString() => string.Format(CultureInfo.InvariantCulture,
            "OpenTime: {0:O}, Open: {1}, High: {2}, Low: {3}, Close: {4}, TickVolume: {5}", OpenTime, Open, High, Low, Close, TickVolume);
    }
}
