using System.Collections.Generic;
using cAlgo.API;
using cAlgo.API.Internals;

namespace PerpGuard.Headless.Runtime
{
    /// <summary>Notifications do nothing headless; they are recorded so tests can see them.</summary>
    public sealed class RecordingNotifications : INotifications
    {
        private readonly List<string> _sent = new List<string>();

        public IReadOnlyList<string> Sent => _sent;

        public void PlaySound(string fileName) => _sent.Add("sound:" + fileName);

        public void PlaySound(SoundType soundType) => _sent.Add("sound:" + soundType);

        public void SendEmail(string from, string to, string subject, string text) => _sent.Add("email:" + to + ":" + subject);
    }
}
