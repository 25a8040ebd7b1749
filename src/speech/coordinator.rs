//! Who may talk when: what listening and reading aloud do to each other, in one pure state machine.
//!
//! The page feeds the [`Coordinator`] [`Event`]s (a request was made, its answer arrived, a reading started or
//! ended, the microphone button was clicked or held, a voice command was heard) and carries out the [`Action`]s it
//! returns, like [`super::machine`] does for one recognition session. The rules:
//!
//! - Requests are numbered. One made by speaking, submitting or opening a link is read aloud when *its* answer
//!   arrives (`Answered { seq }` for an older request reads nothing); a typed one is not, and stops a reading.
//! - The microphone button does what its pressed state says: pressed → stop listening and any reading;
//!   not pressed → listen, interrupting a reading (barge-in). In continuous mode the button stays pressed while Hark
//!   reads (the recognizer is only held), so a click there stops both.
//! - Holding the button (or the shortcut) for [`HOLD_MS`] listens while held; releasing delivers the phrase. The
//!   click that follows a hold's pointer-up is not a toggle.
//! - While Hark reads, the recognizer is held (it never hears itself) and released when the reading ends.
//! - Voice commands act on the last answer: stop, read it again, read one result, clear.

use super::commands::VoiceCommand;

/// How long the button must be held to talk while held, in milliseconds.
pub const HOLD_MS: u32 = 300;

/// Where a request came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Typed into the search box, letter by letter.
    Typed,
    /// Submitted (Enter, a suggestion).
    Submitted,
    /// Spoken.
    Spoken,
    /// Opened from a shared link (`?q=`).
    Link,
}

impl Origin {
    /// Whether the answer to such a request is read aloud: a final query is, typing is not.
    pub fn is_final(self) -> bool {
        !matches!(self, Self::Typed)
    }
}

/// Something that happened on the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Event {
    /// A request was made.
    Requested {
        /// Its number: larger for newer requests.
        seq: u64,
        /// Where it came from.
        origin: Origin,
        /// Whether it is empty (nothing to answer, nothing to read).
        empty: bool,
    },
    /// The answer to request `seq` is there (the catalog is ready and the provider answered it).
    Answered {
        /// The request answered.
        seq: u64,
    },
    /// Request `seq` cannot be answered (the catalog failed to load).
    Unanswerable {
        /// The request.
        seq: u64,
    },
    /// Synthesis began speaking.
    ReadingStarted,
    /// Synthesis finished, was cancelled, or failed.
    ReadingEnded,
    /// The microphone button was clicked (or activated by the keyboard); `pressed` is what it showed.
    MicClicked {
        /// `aria-pressed` at the time of the click.
        pressed: bool,
    },
    /// Pointer down on the button, or the shortcut's key pressed.
    PressStarted,
    /// The hold timer fired ([`HOLD_MS`] after [`Event::PressStarted`]).
    HoldDue,
    /// Pointer up (or cancelled), or the shortcut released.
    PressEnded {
        /// A `click` event follows (pointer on the button); `false` for the keyboard shortcut, whose short press
        /// toggles here.
        click_follows: bool,
        /// `aria-pressed` at the time of the release.
        pressed: bool,
    },
    /// The pointer left the button or was cancelled (no click follows); a hold ends as if released.
    PressCancelled,
    /// Escape: stop everything.
    StopAll,
    /// "Read results aloud" was turned on or off (or reading became impossible).
    ReadAloudChanged(bool),
    /// A whole utterance was a voice command.
    Command(VoiceCommand),
}

/// Something the page must do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Start listening (the person's choice of continuous or single phrase).
    Listen,
    /// Start listening until the press ends, whatever the Continuous setting says.
    ListenWhileHeld,
    /// Stop listening; the phrase under way is still delivered.
    StopListening,
    /// Cancel the reading under way.
    StopReading,
    /// Hold the recognizer: Hark is about to speak.
    HoldRecognizer,
    /// Release the recognizer: Hark stopped speaking.
    ReleaseRecognizer,
    /// Read (part of) the answer to request `seq` aloud.
    Read {
        /// The request whose answer is read.
        seq: u64,
        /// Which part.
        part: Part,
    },
    /// Schedule [`Event::HoldDue`] after [`HOLD_MS`].
    ScheduleHold,
    /// Cancel a scheduled [`Event::HoldDue`].
    CancelHold,
    /// Empty the search box and the results.
    Clear,
    /// Show (or say) that a command was understood.
    Acknowledge(VoiceCommand),
    /// Search the next page of the newest request ("next", "more results"); its answer is read.
    NextPage,
}

/// What part of an answer is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The summary and the top results (what a search reads).
    Top,
    /// Only the result at this position (0-based).
    One(usize),
}

/// How a press of the button is going.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Press {
    #[default]
    Up,
    /// Down, shorter than [`HOLD_MS`] so far.
    Down,
    /// Held past [`HOLD_MS`]: listening while held.
    Holding,
    /// Released after a hold; the `click` that follows belongs to it.
    Released,
}

/// The listening/reading coordinator.
#[derive(Debug, Default)]
pub struct Coordinator {
    latest: u64,
    /// The request whose answer is to be read when it arrives.
    to_read: Option<u64>,
    /// The newest request, once it is answered and not empty (what "repeat" and "read the second one" read).
    answered: Option<u64>,
    latest_empty: bool,
    /// "next" asked for a page: the request made for it is read even when automatic reading is off.
    next_asked: bool,
    reading: bool,
    read_aloud: bool,
    press: Press,
}

impl Coordinator {
    /// A coordinator; `read_aloud` is the person's setting.
    pub fn new(read_aloud: bool) -> Self {
        Self { read_aloud, ..Self::default() }
    }

    /// Whether Hark is reading (as last reported).
    pub fn is_reading(&self) -> bool {
        self.reading
    }

    /// The newest request seen.
    pub fn latest(&self) -> u64 {
        self.latest
    }

    /// Feed one event; returns the actions to carry out, in order.
    pub fn handle(&mut self, event: Event) -> Vec<Action> {
        match event {
            Event::Requested { seq, origin, empty } => {
                if seq < self.latest {
                    return vec![];
                }
                self.latest = seq;
                self.latest_empty = empty;
                self.answered = None;
                let asked = std::mem::take(&mut self.next_asked);
                self.to_read = (!empty && (asked || origin.is_final() && self.read_aloud)).then_some(seq);
                // A new request cancels the speech still under way for the old one.
                self.stop_reading()
            }
            Event::Answered { seq } => {
                if seq != self.latest {
                    return vec![];
                }
                if !self.latest_empty {
                    self.answered = Some(seq);
                }
                if self.to_read != Some(seq) {
                    return vec![];
                }
                self.to_read = None;
                self.read(seq, Part::Top)
            }
            Event::Unanswerable { seq } => {
                if self.to_read == Some(seq) {
                    self.to_read = None;
                }
                vec![]
            }
            Event::ReadingStarted => {
                self.reading = true;
                vec![Action::HoldRecognizer]
            }
            Event::ReadingEnded => {
                self.reading = false;
                vec![Action::ReleaseRecognizer]
            }
            Event::MicClicked { pressed } => {
                if self.press == Press::Released {
                    self.press = Press::Up;
                    return vec![];
                }
                self.press = Press::Up;
                self.toggle(pressed)
            }
            Event::PressStarted => {
                self.press = Press::Down;
                vec![Action::ScheduleHold]
            }
            Event::HoldDue => {
                if self.press != Press::Down {
                    return vec![];
                }
                self.press = Press::Holding;
                let mut actions = self.stop_reading();
                actions.push(Action::ListenWhileHeld);
                actions
            }
            Event::PressEnded { click_follows, pressed } => match self.press {
                Press::Holding => {
                    self.press = if click_follows { Press::Released } else { Press::Up };
                    vec![Action::StopListening]
                }
                Press::Down => {
                    self.press = Press::Up;
                    let mut actions = vec![Action::CancelHold];
                    if !click_follows {
                        actions.extend(self.toggle(pressed));
                    }
                    actions
                }
                Press::Up | Press::Released => vec![],
            },
            Event::PressCancelled => match self.press {
                Press::Holding => {
                    self.press = Press::Up;
                    vec![Action::StopListening]
                }
                Press::Down => {
                    self.press = Press::Up;
                    vec![Action::CancelHold]
                }
                // A touch sends `pointerleave` after `pointerup`: the click after a hold still belongs to it.
                Press::Up | Press::Released => vec![],
            },
            Event::StopAll => {
                let mut actions = vec![Action::StopListening];
                actions.extend(self.stop_reading());
                self.to_read = None;
                actions
            }
            Event::ReadAloudChanged(on) => {
                self.read_aloud = on;
                if on {
                    return vec![];
                }
                self.to_read = None;
                self.stop_reading()
            }
            Event::Command(command) => self.command(command),
        }
    }

    /// The click's meaning follows the pressed state, never what Hark happens to be doing.
    fn toggle(&mut self, pressed: bool) -> Vec<Action> {
        let mut actions = self.stop_reading();
        if pressed {
            self.to_read = None;
            actions.insert(0, Action::StopListening);
        } else {
            actions.push(Action::Listen);
        }
        actions
    }

    /// Start a reading. Hold the recognizer before the first word, not when synthesis reports it has started; the
    /// reading counts as under way from here (a reading that replaces another never looks idle in between).
    fn read(&mut self, seq: u64, part: Part) -> Vec<Action> {
        self.reading = true;
        vec![Action::HoldRecognizer, Action::Read { seq, part }]
    }

    fn stop_reading(&mut self) -> Vec<Action> {
        if self.reading {
            self.reading = false;
            vec![Action::StopReading]
        } else {
            vec![]
        }
    }

    fn command(&mut self, command: VoiceCommand) -> Vec<Action> {
        let mut actions = vec![Action::Acknowledge(command)];
        match command {
            VoiceCommand::Stop => {
                actions.push(Action::StopListening);
                actions.extend(self.stop_reading());
                self.to_read = None;
            }
            VoiceCommand::Clear => {
                actions.extend(self.stop_reading());
                self.to_read = None;
                self.answered = None;
                actions.push(Action::Clear);
            }
            VoiceCommand::Next => {
                actions.extend(self.stop_reading());
                if self.answered.is_some() {
                    self.next_asked = true;
                    actions.push(Action::NextPage);
                }
            }
            VoiceCommand::Repeat | VoiceCommand::Read(_) => {
                actions.extend(self.stop_reading());
                // Asked for by voice, so read even when automatic reading is off.
                if let Some(seq) = self.answered {
                    let part = match command {
                        VoiceCommand::Read(n) => Part::One(n.saturating_sub(1)),
                        _ => Part::Top,
                    };
                    actions.extend(self.read(seq, part));
                }
            }
        }
        actions
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action::*;

    fn spoken(c: &mut Coordinator, seq: u64) -> Vec<Action> {
        c.handle(Event::Requested { seq, origin: Origin::Spoken, empty: false })
    }

    fn reading(c: &mut Coordinator) {
        assert_eq!(c.handle(Event::ReadingStarted), vec![HoldRecognizer]);
    }

    #[test]
    fn a_final_request_is_read_when_its_own_answer_arrives() {
        let mut c = Coordinator::new(true);
        assert_eq!(spoken(&mut c, 1), vec![]);
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![HoldRecognizer, Read { seq: 1, part: Part::Top }]);
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![], "an answer is read once");
    }

    #[test]
    fn an_older_answer_is_never_read() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        spoken(&mut c, 2);
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![]);
        assert_eq!(c.handle(Event::Answered { seq: 2 }), vec![HoldRecognizer, Read { seq: 2, part: Part::Top }]);
        assert_eq!(c.handle(Event::Requested { seq: 1, origin: Origin::Spoken, empty: false }), vec![]);
        assert_eq!(c.latest(), 2);
    }

    #[test]
    fn typing_stops_a_reading_and_reads_nothing_while_submit_and_links_read() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        reading(&mut c);
        assert_eq!(c.handle(Event::Requested { seq: 2, origin: Origin::Typed, empty: false }), vec![StopReading]);
        assert_eq!(c.handle(Event::Answered { seq: 2 }), vec![]);
        for (seq, origin) in [(3, Origin::Submitted), (4, Origin::Link)] {
            c.handle(Event::Requested { seq, origin, empty: false });
            assert_eq!(c.handle(Event::Answered { seq }), vec![HoldRecognizer, Read { seq, part: Part::Top }]);
        }
        c.handle(Event::Requested { seq: 5, origin: Origin::Submitted, empty: true });
        assert_eq!(c.handle(Event::Answered { seq: 5 }), vec![], "an empty query reads nothing");
    }

    #[test]
    fn reading_off_reads_nothing_and_turning_it_off_stops_a_reading() {
        let mut c = Coordinator::new(false);
        spoken(&mut c, 1);
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![]);
        c.handle(Event::ReadAloudChanged(true));
        spoken(&mut c, 2);
        reading(&mut c);
        assert_eq!(c.handle(Event::ReadAloudChanged(false)), vec![StopReading]);
        assert_eq!(c.handle(Event::Answered { seq: 2 }), vec![]);
    }

    #[test]
    fn commands_read_a_typed_answer_too_but_not_an_older_one() {
        let mut c = Coordinator::new(false);
        c.handle(Event::Requested { seq: 1, origin: Origin::Typed, empty: false });
        c.handle(Event::Answered { seq: 1 });
        assert_eq!(
            c.handle(Event::Command(VoiceCommand::Read(1))),
            vec![Acknowledge(VoiceCommand::Read(1)), HoldRecognizer, Read { seq: 1, part: Part::One(0) }]
        );
        c.handle(Event::Requested { seq: 2, origin: Origin::Typed, empty: false });
        assert_eq!(c.handle(Event::Command(VoiceCommand::Repeat)), vec![Acknowledge(VoiceCommand::Repeat)], "not answered yet");
    }

    #[test]
    fn a_failed_catalog_forgets_the_pending_reading() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Unanswerable { seq: 1 });
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![]);
    }

    #[test]
    fn continuous_mode_pressed_while_reading_click_stops_listening_and_reading() {
        // Continuous: the recognizer is only held while Hark reads, so the button still shows pressed.
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        reading(&mut c);
        assert_eq!(c.handle(Event::MicClicked { pressed: true }), vec![StopListening, StopReading]);
        assert!(!c.is_reading());
        assert_eq!(c.handle(Event::ReadingEnded), vec![ReleaseRecognizer]);
    }

    #[test]
    fn single_phrase_mode_not_pressed_while_reading_click_barges_in() {
        // Single phrase: listening ended with the phrase, so the button shows not pressed while Hark reads.
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        reading(&mut c);
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![StopReading, Listen]);
    }

    #[test]
    fn without_a_reading_a_click_toggles_by_the_pressed_state() {
        let mut c = Coordinator::new(true);
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![Listen]);
        assert_eq!(c.handle(Event::MicClicked { pressed: true }), vec![StopListening]);
    }

    #[test]
    fn stopping_listening_also_drops_a_reading_still_to_come() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::MicClicked { pressed: true });
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![]);
    }

    #[test]
    fn a_long_press_listens_while_held_and_its_click_is_swallowed() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        reading(&mut c);
        assert_eq!(c.handle(Event::PressStarted), vec![ScheduleHold]);
        assert_eq!(c.handle(Event::HoldDue), vec![StopReading, ListenWhileHeld]);
        assert_eq!(c.handle(Event::PressEnded { click_follows: true, pressed: true }), vec![StopListening]);
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![], "the hold's own click");
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![Listen], "the next click toggles again");
    }

    #[test]
    fn a_short_press_is_a_click() {
        let mut c = Coordinator::new(true);
        c.handle(Event::PressStarted);
        assert_eq!(c.handle(Event::PressEnded { click_follows: true, pressed: false }), vec![CancelHold]);
        assert_eq!(c.handle(Event::HoldDue), vec![], "a late timer does nothing");
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![Listen]);
    }

    #[test]
    fn leaving_the_button_ends_a_hold_but_not_the_click_that_follows_a_touch() {
        let mut c = Coordinator::new(true);
        c.handle(Event::PressStarted);
        assert_eq!(c.handle(Event::PressCancelled), vec![CancelHold]);
        assert_eq!(c.handle(Event::HoldDue), vec![]);
        c.handle(Event::PressStarted);
        c.handle(Event::HoldDue);
        assert_eq!(c.handle(Event::PressCancelled), vec![StopListening]);
        // Touch: pointerup, pointerleave, click.
        c.handle(Event::PressStarted);
        c.handle(Event::HoldDue);
        assert_eq!(c.handle(Event::PressEnded { click_follows: true, pressed: true }), vec![StopListening]);
        assert_eq!(c.handle(Event::PressCancelled), vec![]);
        assert_eq!(c.handle(Event::MicClicked { pressed: true }), vec![]);
    }

    #[test]
    fn the_shortcut_toggles_on_a_short_press_and_talks_while_held() {
        let mut c = Coordinator::new(true);
        c.handle(Event::PressStarted);
        assert_eq!(c.handle(Event::PressEnded { click_follows: false, pressed: false }), vec![CancelHold, Listen]);
        c.handle(Event::PressStarted);
        assert_eq!(c.handle(Event::PressEnded { click_follows: false, pressed: true }), vec![CancelHold, StopListening]);
        c.handle(Event::PressStarted);
        assert_eq!(c.handle(Event::HoldDue), vec![ListenWhileHeld]);
        assert_eq!(c.handle(Event::PressEnded { click_follows: false, pressed: true }), vec![StopListening]);
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![Listen], "no click is swallowed after a key");
    }

    #[test]
    fn a_reading_counts_from_its_start_so_a_click_right_after_stops_it() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        assert!(c.is_reading(), "before synthesis reports it");
        assert_eq!(c.handle(Event::MicClicked { pressed: false }), vec![StopReading, Listen]);
        // A command's reading replaces the one under way without an idle moment in between.
        c.handle(Event::Requested { seq: 2, origin: Origin::Typed, empty: false });
        c.handle(Event::Answered { seq: 2 });
        c.handle(Event::ReadingStarted);
        c.handle(Event::Command(VoiceCommand::Repeat));
        assert!(c.is_reading());
        assert_eq!(c.handle(Event::ReadingEnded), vec![ReleaseRecognizer]);
        assert!(!c.is_reading());
    }

    #[test]
    fn the_next_page_is_read_when_asked_for_by_voice_even_with_reading_off() {
        let mut c = Coordinator::new(false);
        assert_eq!(c.handle(Event::Command(VoiceCommand::Next)), vec![Acknowledge(VoiceCommand::Next)], "no answer yet");
        spoken(&mut c, 1);
        assert_eq!(c.handle(Event::Answered { seq: 1 }), vec![], "reading is off");
        assert_eq!(c.handle(Event::Command(VoiceCommand::Next)), vec![Acknowledge(VoiceCommand::Next), NextPage]);
        c.handle(Event::Requested { seq: 2, origin: Origin::Spoken, empty: false });
        assert_eq!(c.handle(Event::Answered { seq: 2 }), vec![HoldRecognizer, Read { seq: 2, part: Part::Top }]);
        c.handle(Event::ReadingEnded);
        spoken(&mut c, 3);
        assert_eq!(c.handle(Event::Answered { seq: 3 }), vec![], "an ordinary search after it is not read");
    }

    #[test]
    fn escape_stops_everything() {
        let mut c = Coordinator::new(true);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        reading(&mut c);
        assert_eq!(c.handle(Event::StopAll), vec![StopListening, StopReading]);
    }

    #[test]
    fn voice_commands_act_on_the_last_answer() {
        let mut c = Coordinator::new(true);
        assert_eq!(c.handle(Event::Command(VoiceCommand::Repeat)), vec![Acknowledge(VoiceCommand::Repeat)]);
        spoken(&mut c, 1);
        c.handle(Event::Answered { seq: 1 });
        reading(&mut c);
        assert_eq!(
            c.handle(Event::Command(VoiceCommand::Read(2))),
            vec![Acknowledge(VoiceCommand::Read(2)), StopReading, HoldRecognizer, Read { seq: 1, part: Part::One(1) }]
        );
        assert_eq!(
            c.handle(Event::Command(VoiceCommand::Repeat)),
            vec![Acknowledge(VoiceCommand::Repeat), StopReading, HoldRecognizer, Read { seq: 1, part: Part::Top }],
            "the reading of result 2 is still under way"
        );
        reading(&mut c);
        assert_eq!(
            c.handle(Event::Command(VoiceCommand::Stop)),
            vec![Acknowledge(VoiceCommand::Stop), StopListening, StopReading]
        );
        // "next" asks for the next page, and its answer is read.
        for seq in 2..=3 {
            assert_eq!(c.handle(Event::Command(VoiceCommand::Next)), vec![Acknowledge(VoiceCommand::Next), NextPage]);
            assert_eq!(c.handle(Event::Requested { seq, origin: Origin::Spoken, empty: false }), vec![]);
            assert_eq!(c.handle(Event::Answered { seq }), vec![HoldRecognizer, Read { seq, part: Part::Top }]);
            c.handle(Event::ReadingEnded);
        }
        assert_eq!(c.handle(Event::Command(VoiceCommand::Clear)), vec![Acknowledge(VoiceCommand::Clear), Clear]);
        assert_eq!(c.handle(Event::Command(VoiceCommand::Repeat)), vec![Acknowledge(VoiceCommand::Repeat)], "cleared");
    }
}
