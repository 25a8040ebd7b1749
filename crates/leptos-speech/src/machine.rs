//! The recognition session state machine: what the person asked for, what the browser reported, and what to do.
//!
//! Pure logic. The hook feeds it [`Input`]s and carries out the [`Command`]s it returns. Because every start creates
//! a fresh recognizer (and the old one is aborted and detached first), clicks as fast as a person can make never call
//! `start()` on a recognizer that is already starting, so `InvalidStateError` cannot happen, and the button always
//! shows what the person last asked for.
//!
//! The page never hears itself: while it reads aloud it holds the recognizer ([`Input::Hold`]): a live session
//! is aborted (so no half-heard words of the page's own voice arrive) and a pending restart is cancelled; the phase is
//! [`Phase::Paused`] and the button still shows that the person wants to listen. When the reading ends
//! ([`Input::Unhold`]) listening starts again after [`RESUME_AFTER_SPEECH_MS`], if the person still wants it.

use super::error::RecognitionError;
use super::restart::{RestartDecision, RestartPolicy, RestartThrottle};

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Phase {
    /// No recognizer.
    #[default]
    Idle,
    /// `start()` called; waiting for the browser (and maybe the permission prompt).
    Starting,
    /// The microphone is open.
    Listening,
    /// Speech is being heard.
    Hearing,
    /// `stop()` called; waiting for the last results and `end`.
    Stopping,
    /// Waiting out the restart throttle before starting again (continuous mode).
    Restarting,
    /// Held while the page reads aloud; listening starts again when the reading ends.
    Paused,
}

/// How long after a reading ends listening starts again, so the last syllable's echo is not heard.
pub const RESUME_AFTER_SPEECH_MS: u32 = 250;

/// Something that happened.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// The person asked to listen.
    UserStart {
        /// Keep listening across phrases and silences.
        continuous: bool,
    },
    /// The person asked to stop.
    UserStop,
    /// The recognizer's `start` or `audiostart` event.
    Started,
    /// `speechstart`.
    SpeechStarted,
    /// `speechend`.
    SpeechEnded,
    /// A final phrase arrived.
    FinalPhrase,
    /// An `error` event, or a failure to start.
    Error(RecognitionError),
    /// The recognizer's `end` event.
    Ended,
    /// The restart timer fired.
    RestartDue,
    /// The page is about to speak: stop hearing until [`Input::Unhold`].
    Hold,
    /// The page finished speaking.
    Unhold,
}

/// Something the hook must do.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// Abort and detach any current recognizer, then create and start a new one.
    Start,
    /// Ask the current recognizer to stop (its last results and `end` still arrive).
    Stop,
    /// Schedule [`Input::RestartDue`] after this many milliseconds.
    ScheduleRestart(u32),
    /// Cancel a scheduled restart.
    CancelRestart,
    /// Drop the recognizer handle (it ended).
    Release,
    /// Too long without speech in continuous mode: listening stopped by itself.
    GaveUpAfterSilence,
}

/// The session state machine.
#[derive(Debug, Default)]
pub struct SessionMachine {
    phase: Phase,
    wants_listening: bool,
    continuous: bool,
    held: bool,
    throttle: RestartThrottle,
}

impl SessionMachine {
    /// A machine with the given restart policy.
    pub fn new(policy: RestartPolicy) -> Self {
        Self { throttle: RestartThrottle::new(policy), ..Self::default() }
    }

    /// Where the session is.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// What the person last asked for (what the microphone button shows).
    pub fn wants_listening(&self) -> bool {
        self.wants_listening
    }

    /// Feed one input at `now_ms`; returns the commands to carry out, in order.
    pub fn handle(&mut self, input: Input, now_ms: f64) -> Vec<Command> {
        use Phase::*;
        match input {
            Input::UserStart { continuous } => {
                // Asking to listen is also asking the page to stop talking: the caller stops the reading.
                self.held = false;
                if self.wants_listening && matches!(self.phase, Starting | Listening | Hearing | Restarting) {
                    return vec![];
                }
                self.wants_listening = true;
                self.continuous = continuous;
                self.throttle.reset();
                let mut commands = vec![];
                if self.phase == Restarting {
                    commands.push(Command::CancelRestart);
                }
                commands.extend(self.start(now_ms));
                commands
            }
            Input::UserStop => {
                self.wants_listening = false;
                match self.phase {
                    Starting | Listening | Hearing => {
                        self.phase = Stopping;
                        vec![Command::Stop]
                    }
                    Restarting => {
                        self.phase = Idle;
                        vec![Command::CancelRestart]
                    }
                    Paused => {
                        self.phase = Idle;
                        vec![]
                    }
                    Idle | Stopping => vec![],
                }
            }
            Input::Started => {
                if self.phase == Starting {
                    self.phase = Listening;
                }
                vec![]
            }
            Input::SpeechStarted => {
                self.throttle.heard_speech();
                if matches!(self.phase, Starting | Listening) {
                    self.phase = Hearing;
                }
                vec![]
            }
            Input::SpeechEnded => {
                if self.phase == Hearing {
                    self.phase = Listening;
                }
                vec![]
            }
            Input::FinalPhrase => {
                self.throttle.heard_speech();
                if !self.continuous && matches!(self.phase, Starting | Listening | Hearing) {
                    // One phrase is all a single-shot search wants: release the microphone now.
                    self.wants_listening = false;
                    self.phase = Stopping;
                    return vec![Command::Stop];
                }
                vec![]
            }
            Input::Error(error) => {
                let stop_for_good = error.is_fatal() || (!self.continuous && error == RecognitionError::NoSpeech);
                if stop_for_good {
                    self.wants_listening = false;
                    if self.phase == Restarting {
                        self.phase = Idle;
                        return vec![Command::CancelRestart];
                    }
                    if self.phase == Paused {
                        self.phase = Idle;
                        return vec![];
                    }
                    if matches!(self.phase, Starting | Listening | Hearing) {
                        // The browser sends `end` after an error; until then the session is winding down.
                        self.phase = Stopping;
                    }
                }
                vec![]
            }
            Input::Ended => {
                if matches!(self.phase, Idle | Restarting | Paused) {
                    return vec![];
                }
                if !(self.wants_listening && self.continuous) {
                    self.wants_listening = false;
                    self.phase = Idle;
                    return vec![Command::Release];
                }
                if self.held {
                    self.phase = Paused;
                    return vec![Command::Release];
                }
                match self.throttle.decide(now_ms) {
                    RestartDecision::Now => {
                        let mut commands = vec![Command::Release];
                        commands.extend(self.start(now_ms));
                        commands
                    }
                    RestartDecision::After(ms) => {
                        self.phase = Restarting;
                        vec![Command::Release, Command::ScheduleRestart(ms)]
                    }
                    RestartDecision::GiveUp => {
                        self.wants_listening = false;
                        self.phase = Idle;
                        vec![Command::Release, Command::GaveUpAfterSilence]
                    }
                }
            }
            Input::RestartDue => {
                if self.phase == Restarting && self.wants_listening && !self.held {
                    self.start(now_ms)
                } else {
                    vec![]
                }
            }
            Input::Hold => {
                self.held = true;
                match self.phase {
                    // Aborting (dropping) the session rather than stopping it: a stop would still deliver what the
                    // microphone caught, which may be the page's first words.
                    Starting | Listening | Hearing => {
                        self.phase = Paused;
                        vec![Command::Release]
                    }
                    Restarting => {
                        self.phase = Paused;
                        vec![Command::CancelRestart]
                    }
                    // A stopping session is already closing the microphone; let its last phrase arrive.
                    Idle | Stopping | Paused => vec![],
                }
            }
            Input::Unhold => {
                self.held = false;
                if self.phase != Paused {
                    return vec![];
                }
                if self.wants_listening {
                    self.phase = Restarting;
                    vec![Command::ScheduleRestart(RESUME_AFTER_SPEECH_MS)]
                } else {
                    self.phase = Idle;
                    vec![]
                }
            }
        }
    }

    fn start(&mut self, now_ms: f64) -> Vec<Command> {
        self.phase = Phase::Starting;
        self.throttle.started(now_ms);
        vec![Command::Start]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Command::*;

    fn machine() -> SessionMachine {
        SessionMachine::new(RestartPolicy { min_interval_ms: 1000.0, max_silent_restarts: 2 })
    }

    #[test]
    fn single_phrase_session() {
        let mut m = machine();
        assert_eq!(m.handle(Input::UserStart { continuous: false }, 0.0), vec![Start]);
        assert_eq!(m.phase(), Phase::Starting);
        m.handle(Input::Started, 10.0);
        m.handle(Input::SpeechStarted, 500.0);
        assert_eq!(m.phase(), Phase::Hearing);
        assert_eq!(m.handle(Input::FinalPhrase, 1500.0), vec![Stop]);
        assert!(!m.wants_listening());
        assert_eq!(m.handle(Input::Ended, 1600.0), vec![Release]);
        assert_eq!(m.phase(), Phase::Idle);
    }

    #[test]
    fn continuous_session_restarts_after_silence_and_stops_on_request() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Started, 10.0);
        assert_eq!(m.handle(Input::FinalPhrase, 2000.0), vec![]);
        assert!(m.wants_listening());
        assert_eq!(m.handle(Input::Ended, 9000.0), vec![Release, Start]);
        assert!(m.wants_listening());
        m.handle(Input::Started, 9010.0);
        assert_eq!(m.handle(Input::UserStop, 9500.0), vec![Stop]);
        assert_eq!(m.handle(Input::Ended, 9600.0), vec![Release]);
        assert_eq!(m.phase(), Phase::Idle);
        assert!(!m.wants_listening());
    }

    #[test]
    fn quick_endings_are_throttled_and_silence_gives_up() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        assert_eq!(m.handle(Input::Ended, 200.0), vec![Release, ScheduleRestart(800)]);
        assert_eq!(m.phase(), Phase::Restarting);
        assert!(m.wants_listening());
        assert_eq!(m.handle(Input::RestartDue, 1000.0), vec![Start]);
        assert_eq!(m.handle(Input::Ended, 9000.0), vec![Release, Start]);
        assert_eq!(m.handle(Input::Ended, 17000.0), vec![Release, GaveUpAfterSilence]);
        assert!(!m.wants_listening());
        assert_eq!(m.phase(), Phase::Idle);
    }

    #[test]
    fn stop_while_waiting_to_restart_cancels_the_timer() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Ended, 100.0);
        assert_eq!(m.handle(Input::UserStop, 200.0), vec![CancelRestart]);
        assert_eq!(m.handle(Input::RestartDue, 1000.0), vec![]);
        assert_eq!(m.phase(), Phase::Idle);
    }

    #[test]
    fn fatal_errors_stop_for_good_and_no_speech_only_ends_a_single_session() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Error(RecognitionError::NotAllowed), 5.0);
        assert!(!m.wants_listening());
        assert_eq!(m.handle(Input::Ended, 6.0), vec![Release]);

        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Error(RecognitionError::NoSpeech), 8000.0);
        assert!(m.wants_listening());
        assert_eq!(m.handle(Input::Ended, 8001.0), vec![Release, Start]);

        let mut m = machine();
        m.handle(Input::UserStart { continuous: false }, 0.0);
        m.handle(Input::Error(RecognitionError::NoSpeech), 8000.0);
        assert!(!m.wants_listening());
        assert_eq!(m.handle(Input::Ended, 8001.0), vec![Release]);
    }

    #[test]
    fn start_while_stopping_starts_a_fresh_recognizer() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: false }, 0.0);
        m.handle(Input::UserStop, 10.0);
        assert_eq!(m.phase(), Phase::Stopping);
        assert_eq!(m.handle(Input::UserStart { continuous: false }, 20.0), vec![Start]);
        assert_eq!(m.phase(), Phase::Starting);
    }

    #[test]
    fn holding_aborts_listening_and_unholding_resumes_it() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Started, 10.0);
        assert_eq!(m.handle(Input::FinalPhrase, 2000.0), vec![]);
        assert_eq!(m.handle(Input::Hold, 2010.0), vec![Release]);
        assert_eq!(m.phase(), Phase::Paused);
        assert!(m.wants_listening(), "the button still shows listening while the page reads");
        assert_eq!(m.handle(Input::Ended, 2020.0), vec![], "a late end changes nothing");
        assert_eq!(m.handle(Input::Hold, 2030.0), vec![], "holding twice is harmless");
        assert_eq!(m.handle(Input::Unhold, 5000.0), vec![ScheduleRestart(RESUME_AFTER_SPEECH_MS)]);
        assert_eq!(m.phase(), Phase::Restarting);
        assert_eq!(m.handle(Input::RestartDue, 5250.0), vec![Start]);
        assert_eq!(m.handle(Input::Unhold, 5300.0), vec![], "unholding when not held does nothing");
    }

    #[test]
    fn holding_cancels_a_pending_restart_and_blocks_it() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        assert_eq!(m.handle(Input::Ended, 100.0), vec![Release, ScheduleRestart(900)]);
        assert_eq!(m.handle(Input::Hold, 150.0), vec![CancelRestart]);
        assert_eq!(m.handle(Input::RestartDue, 1000.0), vec![]);
        assert_eq!(m.phase(), Phase::Paused);
    }

    #[test]
    fn stopping_or_starting_while_held() {
        // The person stops listening while the page reads: nothing resumes afterwards.
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Hold, 10.0);
        assert_eq!(m.handle(Input::UserStop, 20.0), vec![]);
        assert_eq!(m.phase(), Phase::Idle);
        assert_eq!(m.handle(Input::Unhold, 30.0), vec![]);
        assert!(!m.wants_listening());

        // The person starts talking while the page reads: listening starts now, and the end of the reading changes nothing.
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Hold, 10.0);
        assert_eq!(m.handle(Input::UserStart { continuous: true }, 20.0), vec![Start]);
        assert_eq!(m.handle(Input::Unhold, 30.0), vec![]);
        assert_eq!(m.phase(), Phase::Starting);

        // A single-shot session winding down is left to deliver its phrase; idle stays idle.
        let mut m = machine();
        m.handle(Input::UserStart { continuous: false }, 0.0);
        m.handle(Input::FinalPhrase, 10.0);
        assert_eq!(m.handle(Input::Hold, 20.0), vec![]);
        assert_eq!(m.handle(Input::Ended, 30.0), vec![Release]);
        assert_eq!(m.handle(Input::Unhold, 40.0), vec![]);
        assert_eq!(m.phase(), Phase::Idle);
    }

    #[test]
    fn a_session_ending_by_itself_while_held_waits_for_the_reading() {
        let mut m = machine();
        m.handle(Input::UserStart { continuous: true }, 0.0);
        m.handle(Input::Hold, 5.0);
        m.handle(Input::Unhold, 6.0);
        m.handle(Input::RestartDue, 300.0);
        m.handle(Input::Started, 310.0);
        // Held again, but imagine the abort raced with the browser's own end.
        m.held = true;
        assert_eq!(m.handle(Input::Ended, 9000.0), vec![Release]);
        assert_eq!(m.phase(), Phase::Paused);
    }

    #[test]
    fn rapid_toggling_keeps_one_session_and_the_last_wish() {
        let mut m = machine();
        let mut live = 0i32; // recognizers started and not yet released or replaced
        for click in 0..200 {
            let input = if m.wants_listening() { Input::UserStop } else { Input::UserStart { continuous: false } };
            for command in m.handle(input, f64::from(click)) {
                match command {
                    Start => live = 1, // the old one is aborted and detached first
                    Release => live = 0,
                    _ => {}
                }
            }
            assert!(live <= 1);
            assert_eq!(m.wants_listening(), click % 2 == 0);
        }
        // 200 clicks: the last one asked to stop; the browser's `end` settles it.
        assert!(!m.wants_listening());
        m.handle(Input::Ended, 500.0);
        assert_eq!(m.phase(), Phase::Idle);
    }
}
