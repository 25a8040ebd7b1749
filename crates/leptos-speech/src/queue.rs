//! The queue of sentence-sized pieces behind `use_speech_synthesis`, and what to do after each browser event.
//!
//! Pure logic, tested on the host. The reader gives the browser one piece at a time (the next when the last one ends), so
//! a cancel, a highlight or a retry after a missing user gesture always lands between two sentences, and no single
//! utterance runs into Chrome's 15-second limit on network voices.

use std::collections::VecDeque;

use super::error::{SynthesisError, SynthesisRecovery};
use super::text::pieces;

/// Something to say, and what it is about (e.g. the result's position) so the page can highlight it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeechItem {
    /// The text; cut into pieces before speaking.
    pub text: String,
    /// A caller's label, reported while this item is being spoken.
    pub tag: Option<usize>,
}

impl SpeechItem {
    /// An item with a tag.
    pub fn tagged(text: impl Into<String>, tag: usize) -> Self {
        Self { text: text.into(), tag: Some(tag) }
    }
    /// An item without a tag.
    pub fn plain(text: impl Into<String>) -> Self {
        Self { text: text.into(), tag: None }
    }
}

/// One utterance's worth of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    /// At most [`super::text::MAX_PIECE_CHARS`] characters.
    pub text: String,
    /// The item's tag.
    pub tag: Option<usize>,
    /// Speak it with the browser's voice for the language, not the chosen one (after `voice-unavailable`).
    pub default_voice: bool,
}

/// What the hook does next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    /// Speak this piece now.
    Speak(Piece),
    /// Nothing left: the reading is over.
    Done,
    /// Wait for the person's next click or key press, then call [`SpeechQueue::gesture`].
    WaitForGesture,
    /// Keep going; nothing to do now.
    Nothing,
}

/// The pieces still to say and the one being said.
#[derive(Debug, Default)]
pub struct SpeechQueue {
    waiting: VecDeque<Piece>,
    current: Option<Piece>,
    blocked: bool,
}

impl SpeechQueue {
    /// Replace everything with `items`, cut into pieces of at most `max_chars`.
    pub fn load(&mut self, items: &[SpeechItem], max_chars: usize) {
        self.clear();
        for item in items {
            for text in pieces(&item.text, max_chars) {
                self.waiting.push_back(Piece { text, tag: item.tag, default_voice: false });
            }
        }
    }

    /// Forget everything.
    pub fn clear(&mut self) {
        self.waiting.clear();
        self.current = None;
        self.blocked = false;
    }

    /// The piece being spoken.
    pub fn current(&self) -> Option<&Piece> {
        self.current.as_ref()
    }

    /// Whether a reading is under way (speaking, or between two pieces).
    pub fn is_active(&self) -> bool {
        self.current.is_some() || (!self.waiting.is_empty() && !self.blocked)
    }

    /// Whether the reading waits for a user gesture.
    pub fn is_blocked(&self) -> bool {
        self.blocked
    }

    /// Move on to the next piece (when nothing is being spoken).
    pub fn advance(&mut self) -> Step {
        if self.blocked || self.current.is_some() {
            return Step::Nothing;
        }
        match self.waiting.pop_front() {
            Some(piece) => {
                self.current = Some(piece.clone());
                Step::Speak(piece)
            }
            None => Step::Done,
        }
    }

    /// The current piece ended.
    pub fn ended(&mut self) -> Step {
        self.current = None;
        self.advance()
    }

    /// The current piece failed with `error` (or could not be spoken at all).
    pub fn failed(&mut self, error: &SynthesisError) -> Step {
        match error.recovery() {
            SynthesisRecovery::Ignore => Step::Nothing,
            SynthesisRecovery::Skip => self.ended(),
            SynthesisRecovery::WaitForGesture => {
                if let Some(piece) = self.current.take() {
                    self.waiting.push_front(piece);
                }
                self.blocked = true;
                Step::WaitForGesture
            }
            SynthesisRecovery::RetryWithoutVoice => match self.current.take() {
                // Once: if the default voice is missing too, give up on this piece.
                Some(piece) if !piece.default_voice => {
                    let piece = Piece { default_voice: true, ..piece };
                    // The rest of the reading uses the default voice as well.
                    for waiting in &mut self.waiting {
                        waiting.default_voice = true;
                    }
                    self.current = Some(piece.clone());
                    Step::Speak(piece)
                }
                _ => self.ended(),
            },
            SynthesisRecovery::Stop => {
                self.clear();
                Step::Done
            }
        }
    }

    /// The person clicked or pressed a key: speaking is allowed now.
    pub fn gesture(&mut self) -> Step {
        if !self.blocked {
            return Step::Nothing;
        }
        self.blocked = false;
        self.advance()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(queue: &mut SpeechQueue) -> Vec<String> {
        let mut out = Vec::new();
        let mut step = queue.advance();
        while let Step::Speak(piece) = step {
            out.push(piece.text);
            step = queue.ended();
        }
        assert_eq!(step, Step::Done);
        out
    }

    #[test]
    fn items_are_spoken_piece_by_piece_in_order() {
        let mut queue = SpeechQueue::default();
        queue.load(&[SpeechItem::plain("3 results for lamp."), SpeechItem::tagged("Lamp. A light. Bright.", 0)], 200);
        assert!(queue.is_active());
        let Step::Speak(first) = queue.advance() else { panic!() };
        assert_eq!(first, Piece { text: "3 results for lamp.".into(), tag: None, default_voice: false });
        assert_eq!(queue.advance(), Step::Nothing, "one piece at a time");
        let Step::Speak(second) = queue.ended() else { panic!() };
        assert_eq!(second.tag, Some(0));
        assert_eq!(texts(&mut SpeechQueue::default()), Vec::<String>::new());
        let mut again = SpeechQueue::default();
        again.load(&[SpeechItem::plain("One. Two.")], 200);
        assert_eq!(texts(&mut again), vec!["One.", "Two."]);
        assert!(!again.is_active());
    }

    #[test]
    fn not_allowed_keeps_the_piece_for_the_next_gesture() {
        let mut queue = SpeechQueue::default();
        queue.load(&[SpeechItem::plain("One. Two.")], 200);
        queue.advance();
        assert_eq!(queue.failed(&SynthesisError::NotAllowed), Step::WaitForGesture);
        assert!(queue.is_blocked());
        assert!(!queue.is_active(), "nothing is audible while waiting");
        assert_eq!(queue.advance(), Step::Nothing);
        let Step::Speak(piece) = queue.gesture() else { panic!() };
        assert_eq!(piece.text, "One.");
        assert_eq!(queue.gesture(), Step::Nothing);
    }

    #[test]
    fn other_errors_skip_retry_or_stop() {
        let mut queue = SpeechQueue::default();
        queue.load(&[SpeechItem::plain("One. Two. Three.")], 200);
        queue.advance();
        assert_eq!(queue.failed(&SynthesisError::Interrupted), Step::Nothing);
        assert_eq!(queue.current().map(|p| p.text.as_str()), Some("One."));
        let Step::Speak(two) = queue.failed(&SynthesisError::TextTooLong) else { panic!() };
        assert_eq!(two.text, "Two.");
        let Step::Speak(retry) = queue.failed(&SynthesisError::VoiceUnavailable) else { panic!() };
        assert_eq!((retry.text.as_str(), retry.default_voice), ("Two.", true));
        let Step::Speak(three) = queue.failed(&SynthesisError::VoiceUnavailable) else { panic!() };
        assert_eq!((three.text.as_str(), three.default_voice), ("Three.", true), "no second retry; later pieces too");
        assert_eq!(queue.failed(&SynthesisError::AudioBusy), Step::Done);
        assert!(!queue.is_active());
    }
}
