using System;
using System.IO;
using System.Linq;
using PerpGuard.Cli.Charts;

namespace PerpGuard.Cli.Tests.Charts
{
    public class IndicatorPicturesTests
    {
        private static readonly byte[] PngSignature = { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A };

        [Test]
        public void RenderAll_GeneratedData_WritesOnePngPerIndicator()
        {
            var dir = Path.Combine(Path.GetTempPath(), "perpguard-pictures-test-" + Guid.NewGuid().ToString("N"));
            try
            {
                var files = IndicatorPictures.RenderAll(dir, seed: 3, bars: 400, lastBars: 120);

                Assert.That(files.Select(Path.GetFileName), Is.EqualTo(new[] { IndicatorPictures.AtrStopDistanceFile, IndicatorPictures.LiquidationLevelsFile }));
                foreach (var file in files)
                {
                    var bytes = File.ReadAllBytes(file);
                    Assert.That(bytes.Take(8), Is.EqualTo(PngSignature), file + " is a PNG");
                    Assert.That(bytes.Length, Is.GreaterThan(10_000), file + " has content");
                }
            }
            finally
            {
                if (Directory.Exists(dir))
                {
                    Directory.Delete(dir, true);
                }
            }
        }

        [TestCase("#FFEF5350", 255, 0xEF, 0x53, 0x50)]
        [TestCase("#26A69A", 255, 0x26, 0xA6, 0x9A)]
        [TestCase("Orange", 255, 255, 165, 0)]
        public void ParseColor_HexOrName_GivesArgb(string text, int a, int r, int g, int b)
        {
            var c = ChartModelBuilder.ParseColor(text);

            Assert.That(c.HasValue, Is.True);
            Assert.That(new[] { c!.Value.A, c.Value.R, c.Value.G, c.Value.B }, Is.EqualTo(new[] { (byte)a, (byte)r, (byte)g, (byte)b }));
        }

        [Test]
        public void ParseColor_Garbage_IsNull()
        {
            Assert.That(ChartModelBuilder.ParseColor("#XYZ"), Is.Null);
        }

        [Test]
        public void RenderPng_NoBars_IsRefusedWithMessage()
        {
            var model = new ChartModel("empty");

            Assert.That(() => IndicatorChartRenderer.RenderPng(model, Path.Combine(Path.GetTempPath(), "never.png")),
                Throws.ArgumentException.With.Message.Contains("at least one bar"));
        }

        /// <summary>Regenerates docs/img (run explicitly: dotnet test --filter Name=RenderDocsPictures).</summary>
        [Test]
        [Explicit("writes the docs pictures into the repository")]
        public void RenderDocsPictures()
        {
            var root = TestContext.CurrentContext.TestDirectory;
            while (root != null && !File.Exists(Path.Combine(root, "Plugins.sln")))
            {
                root = Path.GetDirectoryName(root);
            }

            Assert.That(root, Is.Not.Null, "repository root");
            var files = IndicatorPictures.RenderAll(Path.Combine(root!, "docs", "img"));

            Assert.That(files.All(File.Exists), Is.True);
        }
    }
}
