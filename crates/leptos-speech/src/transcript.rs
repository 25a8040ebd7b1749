//! Turning recognition result events into live interim text and final phrases.
//!
//! Pure logic, no browser types: the recognition layer copies each `SpeechRecognitionEvent` into a [`ResultBatch`].
//! It handles two known browser quirks: Android Chrome marks interim results final with confidence 0, and repeats a
//! final result at once.

/// One recognition hypothesis.
#[derive(Debug, Clone, PartialEq)]
pub struct Alternative {
    /// What the recognizer heard, trimmed.
    pub transcript: String,
    /// The recognizer's confidence, 0–1 (0 when the browser does not say).
    pub confidence: f32,
}

/// One entry of `SpeechRecognitionEvent.results`.
#[derive(Debug, Clone, PartialEq)]
pub struct RecognitionResult {
    /// Whether the browser says this result will not change again.
    pub is_final: bool,
    /// The n-best alternatives, best first.
    pub alternatives: Vec<Alternative>,
}

impl RecognitionResult {
    /// The best alternative's text, or "" when there is none.
    pub fn best(&self) -> &str {
        self.alternatives.first().map_or("", |a| a.transcript.as_str())
    }

    /// A final that can be trusted: final, with text, and not Android's confidence-0 pseudo-final.
    fn is_trusted_final(&self) -> bool {
        self.is_final && !self.best().is_empty() && self.alternatives.iter().any(|a| a.confidence > 0.0)
    }
}

/// The most results one session's list may hold; a longer list is read only this far.
pub const MAX_RESULTS: usize = 1000;

/// A copy of one result event: the entries of its results list from the first changed one on.
///
/// The entries before `result_index` are finals the merger has already seen, so they are not copied: in a
/// continuous session the list grows by one final per phrase, and copying it whole made each event cost more than
/// the one before.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ResultBatch {
    /// `SpeechRecognitionEvent.resultIndex`: the position in the session's list of `results[0]`.
    pub result_index: usize,
    /// `SpeechRecognitionEvent.results[resultIndex..]`, in order.
    pub results: Vec<RecognitionResult>,
}

/// A finished phrase: what becomes a query, with every alternative for the search to fuse.
#[derive(Debug, Clone, PartialEq)]
pub struct Phrase {
    /// The alternatives, best first; never empty.
    pub alternatives: Vec<Alternative>,
}

impl Phrase {
    /// The best transcript.
    pub fn text(&self) -> &str {
        self.alternatives.first().map_or("", |a| a.transcript.as_str())
    }
}

/// What one result event changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TranscriptUpdate {
    /// The words still being recognised (shown greyed), possibly empty.
    pub interim: String,
    /// Phrases that became final with this event, in order.
    pub finals: Vec<Phrase>,
}

/// How close in time an identical final must follow the last one to count as a repeat.
pub const REPEAT_WINDOW_MS: f64 = 1500.0;

/// Merges the result events of one session (and across restarts) into interim text and final phrases.
#[derive(Debug, Default)]
pub struct TranscriptMerger {
    /// Which result indices of the current session were already emitted as final.
    emitted: Vec<bool>,
    /// The last emitted final (normalised) and when, to drop Android's immediate repeats.
    last_final: Option<(String, f64)>,
    /// The current interim text, flushed as a final if the session ends without one.
    interim: String,
}

impl TranscriptMerger {
    /// A merger with nothing seen.
    pub fn new() -> Self {
        Self::default()
    }

    /// Forget the result indices of the previous session (a new session numbers its results from 0 again).
    pub fn start_session(&mut self) {
        self.emitted.clear();
        self.interim.clear();
    }

    /// The interim text not yet confirmed.
    pub fn interim(&self) -> &str {
        &self.interim
    }

    /// Fold one result event in; `now_ms` is any monotonic clock in milliseconds.
    pub fn push(&mut self, batch: &ResultBatch, now_ms: f64) -> TranscriptUpdate {
        // Positions past MAX_RESULTS (only a broken or hostile event has them) are not read.
        let first = batch.result_index.min(MAX_RESULTS);
        let changed = &batch.results[..batch.results.len().min(MAX_RESULTS - first)];
        if self.emitted.len() < first + changed.len() {
            self.emitted.resize(first + changed.len(), false);
        }
        let mut update = TranscriptUpdate::default();
        let mut interim_parts: Vec<&str> = Vec::new();
        for (index, result) in (first..).zip(changed) {
            if result.is_trusted_final() {
                if !self.emitted[index] {
                    self.emitted[index] = true;
                    if let Some(phrase) = self.accept_final(result, now_ms) {
                        update.finals.push(phrase);
                    }
                }
            } else if !self.emitted[index] && !result.best().is_empty() {
                interim_parts.push(result.best());
            }
        }
        self.interim = tidy(&interim_parts.join(" "));
        update.interim = self.interim.clone();
        update
    }

    /// The session ended: interim words that never became final are taken as the phrase (a pause in speech, or a
    /// browser that never sends a trusted final).
    pub fn end_session(&mut self, now_ms: f64) -> Option<Phrase> {
        let pending = std::mem::take(&mut self.interim);
        self.emitted.clear();
        if pending.is_empty() {
            return None;
        }
        let result = RecognitionResult {
            is_final: true,
            alternatives: vec![Alternative { transcript: pending, confidence: 0.0 }],
        };
        self.accept_final(&result, now_ms)
    }

    fn accept_final(&mut self, result: &RecognitionResult, now_ms: f64) -> Option<Phrase> {
        let alternatives: Vec<Alternative> = result
            .alternatives
            .iter()
            .map(|a| Alternative { transcript: tidy(&a.transcript), confidence: a.confidence })
            .filter(|a| !a.transcript.is_empty())
            .collect();
        let key = alternatives.first()?.transcript.to_lowercase();
        let repeat = self
            .last_final
            .as_ref()
            .is_some_and(|(last, at)| *last == key && now_ms - at < REPEAT_WINDOW_MS);
        self.last_final = Some((key, now_ms));
        (!repeat).then_some(Phrase { alternatives })
    }
}

/// Trim and collapse white space (Chrome prefixes later phrases of a continuous session with a space).
pub fn tidy(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alt(text: &str, confidence: f32) -> Alternative {
        Alternative { transcript: text.into(), confidence }
    }
    fn interim(text: &str) -> RecognitionResult {
        RecognitionResult { is_final: false, alternatives: vec![alt(text, 0.0)] }
    }
    fn final_(text: &str, confidence: f32) -> RecognitionResult {
        RecognitionResult { is_final: true, alternatives: vec![alt(text, confidence)] }
    }
    /// The event for a session whose whole list is `results`, changed from `result_index` on.
    fn batch(result_index: usize, mut results: Vec<RecognitionResult>) -> ResultBatch {
        ResultBatch { result_index, results: results.split_off(result_index) }
    }

    #[test]
    fn a_late_phrase_of_a_long_session_is_read_from_its_own_position() {
        let mut merger = TranscriptMerger::new();
        let mut list = Vec::new();
        for n in 0..200 {
            list.push(final_(&format!("phrase {n}"), 0.9));
            let update = merger.push(&batch(n, list.clone()), f64::from(n as u32) * 2000.0);
            assert_eq!(update.finals.iter().map(Phrase::text).collect::<Vec<_>>(), vec![format!("phrase {n}")]);
        }
        // The same final again at its position is not emitted twice.
        assert!(merger.push(&batch(199, list.clone()), 500_000.0).finals.is_empty());
    }

    #[test]
    fn a_hostile_result_index_neither_allocates_nor_panics() {
        let mut merger = TranscriptMerger::new();
        let update = merger.push(&ResultBatch { result_index: usize::MAX, results: vec![final_("far", 0.9)] }, 0.0);
        assert!(update.finals.is_empty());
        let update = merger.push(&ResultBatch { result_index: MAX_RESULTS - 1, results: vec![final_("last", 0.9), final_("over", 0.9)] }, 0.0);
        assert_eq!(update.finals.iter().map(Phrase::text).collect::<Vec<_>>(), vec!["last"]);
        assert!(merger.emitted.len() <= MAX_RESULTS);
    }

    #[test]
    fn interim_then_final() {
        let mut merger = TranscriptMerger::new();
        let update = merger.push(&batch(0, vec![interim("red run")]), 0.0);
        assert_eq!(update.interim, "red run");
        assert!(update.finals.is_empty());
        let update = merger.push(&batch(0, vec![final_("red running shoes", 0.92)]), 100.0);
        assert_eq!(update.interim, "");
        assert_eq!(update.finals.len(), 1);
        assert_eq!(update.finals[0].text(), "red running shoes");
    }

    #[test]
    fn continuous_results_accumulate_and_each_final_is_emitted_once() {
        let mut merger = TranscriptMerger::new();
        merger.push(&batch(0, vec![final_("first query", 0.9)]), 0.0);
        let update = merger.push(&batch(1, vec![final_("first query", 0.9), interim(" second")]), 2000.0);
        assert_eq!(update.interim, "second");
        assert!(update.finals.is_empty());
        let update = merger.push(&batch(1, vec![final_("first query", 0.9), final_(" second query", 0.8)]), 3000.0);
        assert_eq!(update.finals.iter().map(Phrase::text).collect::<Vec<_>>(), vec!["second query"]);
    }

    #[test]
    fn all_alternatives_are_kept_best_first() {
        let mut merger = TranscriptMerger::new();
        let result = RecognitionResult {
            is_final: true,
            alternatives: vec![alt("night", 0.6), alt("knight", 0.3), alt("  ", 0.1)],
        };
        let update = merger.push(&batch(0, vec![result]), 0.0);
        assert_eq!(update.finals[0].alternatives, vec![alt("night", 0.6), alt("knight", 0.3)]);
    }

    #[test]
    fn android_confidence_zero_finals_are_interim() {
        let mut merger = TranscriptMerger::new();
        let update = merger.push(&batch(0, vec![final_("cheddar", 0.0)]), 0.0);
        assert!(update.finals.is_empty());
        assert_eq!(update.interim, "cheddar");
        let update = merger.push(&batch(0, vec![final_("cheddar cheese", 0.87)]), 50.0);
        assert_eq!(update.finals[0].text(), "cheddar cheese");
    }

    #[test]
    fn an_identical_final_repeated_at_once_is_dropped() {
        let mut merger = TranscriptMerger::new();
        let first = merger.push(&batch(0, vec![final_("lamp", 0.9)]), 0.0);
        let repeat = merger.push(&batch(1, vec![final_("lamp", 0.9), final_("Lamp ", 0.9)]), 200.0);
        assert_eq!(first.finals.len(), 1);
        assert!(repeat.finals.is_empty());
        // The same words said again later are a new query.
        let later = merger.push(&batch(2, vec![final_("lamp", 0.9), final_("lamp", 0.9), final_("lamp", 0.9)]), 5000.0);
        assert_eq!(later.finals.len(), 1);
    }

    #[test]
    fn a_new_session_restarts_result_numbering() {
        let mut merger = TranscriptMerger::new();
        merger.push(&batch(0, vec![final_("first", 0.9)]), 0.0);
        merger.start_session();
        let update = merger.push(&batch(0, vec![final_("second", 0.9)]), 3000.0);
        assert_eq!(update.finals[0].text(), "second");
    }

    #[test]
    fn unfinished_interim_becomes_the_phrase_when_the_session_ends() {
        let mut merger = TranscriptMerger::new();
        merger.push(&batch(0, vec![interim("tuning fork")]), 0.0);
        assert_eq!(merger.end_session(10.0).map(|p| p.text().to_string()).as_deref(), Some("tuning fork"));
        assert_eq!(merger.end_session(20.0), None);
    }

    #[test]
    fn tidy_collapses_space() {
        assert_eq!(tidy("  red \n running  shoes "), "red running shoes");
    }
}
