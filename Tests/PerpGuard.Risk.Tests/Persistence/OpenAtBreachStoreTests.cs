using System;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Risk.Tests.Persistence
{
    public class OpenAtBreachStoreTests
    {
        [Test]
        public void SaveThenLoad_HaltedDayWithTwoPositions_RestoredExactly()
        {
            var store = new OpenAtBreachStore(new InMemoryKeyValueStore(), "open-at-breach");
            var at = new DateTime(2022, 1, 3, 10, 4, 0, DateTimeKind.Utc);

            store.Save(new OpenAtBreach("2022-01-03", "Halted", at, new[] { 1, 5 }));
            var loaded = store.Load(out var problem);

            Assert.That(problem, Is.Null);
            Assert.That((loaded!.Day, loaded.State, loaded.AtUtc, loaded.AtUtc.Kind), Is.EqualTo(("2022-01-03", "Halted", at, DateTimeKind.Utc)));
            Assert.That(loaded.PositionIds, Is.EqualTo(new[] { 1, 5 }));
        }

        [Test]
        public void Load_NothingSaved_NullWithoutProblem()
        {
            var loaded = new OpenAtBreachStore(new InMemoryKeyValueStore(), "open-at-breach").Load(out var problem);

            Assert.That((loaded, problem), Is.EqualTo(((OpenAtBreach?)null, (string?)null)));
        }

        [TestCase("[1,2]")]
        [TestCase("{\"schema\":\"perpguard.open-at-breach\",\"version\":2,\"day\":\"2022-01-03\",\"state\":\"Halted\",\"atUtc\":\"2022-01-03T10:04:00.0000000Z\",\"positionIds\":[1]}")]
        [TestCase("{\"schema\":\"perpguard.open-at-breach\",\"version\":1,\"day\":\"2022-01-03\",\"state\":\"Halted\",\"positionIds\":[1]}")]
        [TestCase("{\"schema\":\"perpguard.open-at-breach\",\"version\":1,\"day\":\"2022-01-03\",\"state\":\"Halted\",\"atUtc\":\"2022-01-03T10:04:00.0000000Z\",\"positionIds\":[\"x\"]}")]
        public void Parse_UnusableRecord_NullWithTheProblem(string text)
        {
            Assert.That(OpenAtBreachStore.Parse(text, out var problem), Is.Null);
            Assert.That(problem, Is.Not.Empty);
        }
    }
}
