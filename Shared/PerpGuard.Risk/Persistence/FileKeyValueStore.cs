using System;
using System.Globalization;
using System.IO;
using System.Text;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// One file per key in a folder, for the command-line tools. A write goes to a temporary file
    /// in the same folder, is flushed to disk, then renamed over the old file, so a crash leaves
    /// either the old or the new value, never half of one. Key characters other than letters,
    /// digits, '.', '-' and '_' are escaped (%XX) so any key maps to one safe file name.
    /// </summary>
    public sealed class FileKeyValueStore : IKeyValueStore
    {
        private const string Extension = ".json";
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        public FileKeyValueStore(string directory)
        {
            if (string.IsNullOrWhiteSpace(directory))
            {
                throw new ArgumentException("The store needs a folder.", nameof(directory));
            }

            Directory = Path.GetFullPath(directory);
            System.IO.Directory.CreateDirectory(Directory);
        }

        public string Directory { get; }

        public string? Get(string key)
        {
            var path = PathFor(key);
            return File.Exists(path) ? File.ReadAllText(path, Utf8) : null;
        }

        public void Set(string key, string value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            var path = PathFor(key);
            var temp = path + "." + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture) + ".tmp";
            try
            {
                using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    var bytes = Utf8.GetBytes(value);
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Flush(true);
                }

                File.Move(temp, path, true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }

        /// <summary>The file that holds <paramref name="key"/>.</summary>
        public string PathFor(string key) => Path.Combine(Directory, FileNameFor(key));

        public static string FileNameFor(string key)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A key cannot be empty.", nameof(key));
            }

            var name = new StringBuilder(key.Length + Extension.Length);
            foreach (var b in Encoding.UTF8.GetBytes(key))
            {
                var c = (char)b;
                if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || (c == '.' && name.Length > 0))
                {
                    name.Append(c);
                }
                else
                {
                    name.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            return name.Append(Extension).ToString();
        }
    }
}
