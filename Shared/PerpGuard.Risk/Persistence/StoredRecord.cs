using System;
using System.Globalization;

namespace PerpGuard.Risk.Persistence
{
    /// <summary>
    /// One record under one key of a store: what every record store (daily state, position plans, open-at-breach)
    /// does alike — a non-empty key, one Set per save, a read that reports an unreadable store as a problem (the
    /// caller then treats the record as corrupt) instead of throwing, and the text of a record that cannot be used
    /// kept aside under another key before anything is saved over it (the evidence of what went wrong).
    /// </summary>
    public sealed class StoredRecord
    {
        /// <summary>Appended to the key of a record that could not be used: where its text is kept.</summary>
        public const string AsideSuffix = ".unreadable";

        /// <summary>Aside keys tried (<c>.unreadable</c>, <c>.unreadable.2</c> … <c>.unreadable.9</c>) before giving up: never one written over.</summary>
        public const int AsideSlots = 9;

        private readonly IKeyValueStore _store;
        private readonly string _what;
        private readonly Func<string, string?> _problemOf;
        private bool _checked;

        /// <param name="what">The record in a problem message ("The daily state").</param>
        /// <param name="keyHint">The exception's text when the key is empty.</param>
        /// <param name="problemOf">The record's parser: what makes a stored text unusable, or null when it can be used.</param>
        public StoredRecord(IKeyValueStore store, string key, string what, string keyHint, Func<string, string?> problemOf)
        {
            _store = store ?? throw new ArgumentNullException(nameof(store));
            if (string.IsNullOrWhiteSpace(key))
            {
                throw new ArgumentException(keyHint, nameof(key));
            }

            Key = key;
            _what = what;
            _problemOf = problemOf ?? throw new ArgumentNullException(nameof(problemOf));
        }

        public string Key { get; }

        /// <summary>
        /// Saves <paramref name="text"/>. The first save of a record never read here (the plans of a bot that had
        /// nothing to adopt, the open-at-breach record of a day that started Active) first keeps an unusable stored
        /// text aside, so no save loses the evidence; later saves are one Set.
        /// </summary>
        public void Write(string text)
        {
            if (!_checked)
            {
                if (TryRead(out var stored, out _) && stored is not null && _problemOf(stored) is { } problem)
                {
                    KeepAside(stored, problem);
                }
            }

            _store.Set(Key, text);
        }

        /// <summary>
        /// The stored text (null when never saved); false with <paramref name="problem"/> when the store cannot be read.
        /// Any failure counts (an IO error, cTrader's LocalStorageException, whatever a platform throws): a state that
        /// cannot be read is unknown, and the caller must treat it as such rather than die at start.
        /// </summary>
        public bool TryRead(out string? text, out string? problem)
        {
            // The caller uses what it read or keeps it aside: a later first save needs no check of its own.
            _checked = true;
            problem = null;
            try
            {
                text = _store.Get(Key);
                return true;
            }
            catch (Exception e) when (!IsFatal(e))
            {
                text = null;
                problem = _what + " '" + Key + "' could not be read (" + e.Message + ").";
                return false;
            }
        }

        /// <summary>
        /// <paramref name="problem"/> with where the unusable <paramref name="text"/> is now kept: under
        /// <c>key.unreadable</c>, or the first of <c>key.unreadable.2</c> … free (or already holding this text), so an
        /// earlier copy is never written over. Saying so is part of the problem text the bot prints.
        /// </summary>
        public string KeepAside(string text, string problem)
        {
            try
            {
                for (var slot = 1; slot <= AsideSlots; slot++)
                {
                    var aside = Key + AsideSuffix + (slot == 1 ? string.Empty : "." + slot.ToString(CultureInfo.InvariantCulture));
                    var held = _store.Get(aside);
                    if (held is null)
                    {
                        _store.Set(aside, text);
                        return problem + " Its text is kept under '" + aside + "'.";
                    }

                    if (string.Equals(held, text, StringComparison.Ordinal))
                    {
                        return problem + " Its text is kept under '" + aside + "'.";
                    }
                }

                return problem + " Its text could not be kept: '" + Key + AsideSuffix + "' and the " +
                    (AsideSlots - 1).ToString(CultureInfo.InvariantCulture) + " keys after it hold earlier unreadable records.";
            }
            catch (Exception e) when (!IsFatal(e))
            {
                return problem + " Its text could not be kept aside (" + e.Message + ").";
            }
        }

        /// <summary>What reading a malformed JSON record can throw (a token of the wrong type, a number out of range, …).</summary>
        public static bool IsMalformed(Exception e) =>
            e is Newtonsoft.Json.JsonException || e is InvalidCastException || e is ArgumentException || e is OverflowException ||
            e is FormatException || e is InvalidOperationException;

        private static bool IsFatal(Exception e) => e is OutOfMemoryException || e is StackOverflowException || e is AccessViolationException;
    }
}
