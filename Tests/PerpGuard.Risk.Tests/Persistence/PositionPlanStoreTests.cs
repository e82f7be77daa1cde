using System.Linq;
using PerpGuard.Risk.Persistence;

namespace PerpGuard.Risk.Tests.Persistence
{
    public class PositionPlanStoreTests
    {
        [Test]
        public void SaveThenLoad_TwoPlans_RestoredExactlyNaNRiskKeptAsUnknown()
        {
            var store = new InMemoryKeyValueStore();
            var plans = new PositionPlanStore(store, "position-plans");

            plans.Save(new[] { new PositionPlan(7, 60_000.01, 59_700.1, 97.16), new PositionPlan(9, 61_000, 61_300, double.NaN) });
            var load = plans.Load();

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Restored));
            Assert.That(load.Plans.Keys, Is.EquivalentTo(new[] { 7, 9 }));
            Assert.That((load.Plans[7].EntryPrice, load.Plans[7].InitialStop, load.Plans[7].PlannedRisk), Is.EqualTo((60_000.01, 59_700.1, 97.16)));
            Assert.That(double.IsNaN(load.Plans[9].PlannedRisk), Is.True);
            Assert.That(store.Get("position-plans"), Does.StartWith("{\"schema\":\"perpguard.position-plans\",\"version\":1,"));
        }

        [Test]
        public void Load_NothingSaved_Missing()
        {
            var load = new PositionPlanStore(new InMemoryKeyValueStore(), "position-plans").Load();

            Assert.That((load.Status, load.Plans.Count), Is.EqualTo((LoadStatus.Missing, 0)));
        }

        [TestCase("{not json")]
        [TestCase("{\"schema\":\"perpguard.daily-state\",\"version\":1,\"plans\":[]}")]
        [TestCase("{\"schema\":\"perpguard.position-plans\",\"version\":2,\"plans\":[]}")]
        [TestCase("{\"schema\":\"perpguard.position-plans\",\"version\":1}")]
        [TestCase("{\"schema\":\"perpguard.position-plans\",\"version\":1,\"plans\":[{\"id\":7,\"entry\":60000,\"plannedRisk\":5}]}")]
        [TestCase("{\"schema\":\"perpguard.position-plans\",\"version\":1,\"plans\":[{\"id\":7,\"entry\":60000,\"initialStop\":\"59700\",\"plannedRisk\":5}]}")]
        public void Parse_UnusableRecord_CorruptWithNoPlans(string text)
        {
            var load = PositionPlanStore.Parse(text);

            Assert.That(load.Status, Is.EqualTo(LoadStatus.Corrupt));
            Assert.That(load.Plans, Is.Empty);
            Assert.That(load.Problem, Is.Not.Empty);
        }

        [Test]
        public void Save_EmptyList_LoadsAsRestoredWithNoPlans()
        {
            var plans = new PositionPlanStore(new InMemoryKeyValueStore(), "position-plans");

            plans.Save(Enumerable.Empty<PositionPlan>());

            Assert.That((plans.Load().Status, plans.Load().Plans.Count), Is.EqualTo((LoadStatus.Restored, 0)));
        }
    }
}
