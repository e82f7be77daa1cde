#nullable disable
using System;
using System.Globalization;

namespace cAlgo.API
{
    /// <summary>ARGB colour as cTrader's. Named colours carry System.Drawing's known-colour values.</summary>
    public sealed partial class Color : IEquatable<Color>
    {
        public static readonly Color Empty = new Color(0, 0, 0, 0);

        private Color(byte a, byte r, byte g, byte b)
        {
            A = a;
            R = r;
            G = g;
            B = b;
        }

        public byte A { get; }
        public byte R { get; }
        public byte G { get; }
        public byte B { get; }

        public int ToArgb() => (A << 24) | (R << 16) | (G << 8) | B;

        public string ToHexString() => "#" + A.ToString("X2", CultureInfo.InvariantCulture) + R.ToString("X2", CultureInfo.InvariantCulture)
            + G.ToString("X2", CultureInfo.InvariantCulture) + B.ToString("X2", CultureInfo.InvariantCulture);

        public override string ToString() => ToHexString();

        public bool Equals(Color other) => other is not null && ToArgb() == other.ToArgb();

        public override bool Equals(object obj) => Equals(obj as Color);

        public override int GetHashCode() => ToArgb();

        public static Color FromArgb(int alpha, int red, int green, int blue) =>
            new Color(Channel(alpha, nameof(alpha)), Channel(red, nameof(red)), Channel(green, nameof(green)), Channel(blue, nameof(blue)));

        public static Color FromArgb(int alpha, Color baseColor) => FromArgb(alpha, baseColor.R, baseColor.G, baseColor.B);

        public static Color FromArgb(int argb) =>
            new Color((byte)((argb >> 24) & 0xFF), (byte)((argb >> 16) & 0xFF), (byte)((argb >> 8) & 0xFF), (byte)(argb & 0xFF));

        public static Color FromArgb(int red, int green, int blue) => FromArgb(255, red, green, blue);

        /// <summary>"#RRGGBB", "#AARRGGBB", with or without '#'.</summary>
        public static Color FromHex(string hex)
        {
            if (hex == null)
            {
                throw new ArgumentNullException(nameof(hex));
            }

            var s = hex.StartsWith("#", StringComparison.Ordinal) ? hex.Substring(1) : hex;
            if ((s.Length != 6 && s.Length != 8) || !uint.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                throw new ArgumentException("Not a hex colour: " + hex, nameof(hex));
            }

            return s.Length == 6 ? FromArgb(unchecked((int)(0xFF000000u | value))) : FromArgb(unchecked((int)value));
        }

        /// <summary>A known colour name (case-insensitive) or a hex string, like OutputAttribute.LineColor.</summary>
        public static Color FromName(string name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return Empty;
            }

            if (name.StartsWith("#", StringComparison.Ordinal))
            {
                return FromHex(name);
            }

            var known = System.Drawing.Color.FromName(name);
            return known.IsKnownColor ? FromArgb(known.ToArgb()) : Empty;
        }

        private static Color Known(string name) => FromArgb(System.Drawing.Color.FromName(name).ToArgb());

        private static byte Channel(int value, string name)
        {
            if (value < 0 || value > 255)
            {
                throw new ArgumentOutOfRangeException(name, value, "A colour channel is 0..255.");
            }

            return (byte)value;
        }
    }
}
