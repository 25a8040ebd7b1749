//! When to restart a continuous session that the browser ended on its own.
//!
//! Chrome ends a continuous session after several seconds of silence (and sometimes at once, when the service is
//! unreachable). The hook restarts while the person still wants to listen, but no more than once per
//! [`RestartPolicy::min_interval_ms`], and gives up after [`RestartPolicy::max_silent_restarts`] restarts in a row
//! without any speech, so a forgotten tab does not hold the microphone for ever.

/// Limits on automatic restarts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RestartPolicy {
    /// Least time between two starts, in ms. Default 1000.
    pub min_interval_ms: f64,
    /// Restarts in a row without speech before giving up. Default 5 (about a minute of silence in Chrome).
    pub max_silent_restarts: u32,
}

impl Default for RestartPolicy {
    fn default() -> Self {
        Self { min_interval_ms: 1000.0, max_silent_restarts: 5 }
    }
}

/// What to do when a session ends while the person still wants to listen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RestartDecision {
    /// Start again now.
    Now,
    /// Start again after this many milliseconds.
    After(u32),
    /// Too long without speech: stop listening.
    GiveUp,
}

/// Tracks starts and speech to apply a [`RestartPolicy`].
#[derive(Debug, Clone, Default)]
pub struct RestartThrottle {
    policy: RestartPolicy,
    last_start_ms: Option<f64>,
    silent_restarts: u32,
}

impl RestartThrottle {
    /// A throttle applying `policy`.
    pub fn new(policy: RestartPolicy) -> Self {
        Self { policy, last_start_ms: None, silent_restarts: 0 }
    }

    /// The person started listening: forget earlier silence.
    pub fn reset(&mut self) {
        self.silent_restarts = 0;
    }

    /// A recognizer was started at `now_ms`.
    pub fn started(&mut self, now_ms: f64) {
        self.last_start_ms = Some(now_ms);
    }

    /// Speech was heard: the silence count starts over.
    pub fn heard_speech(&mut self) {
        self.silent_restarts = 0;
    }

    /// The session ended by itself at `now_ms`; decide whether and when to restart.
    pub fn decide(&mut self, now_ms: f64) -> RestartDecision {
        if self.silent_restarts >= self.policy.max_silent_restarts {
            return RestartDecision::GiveUp;
        }
        self.silent_restarts += 1;
        let elapsed = self.last_start_ms.map_or(f64::INFINITY, |last| now_ms - last);
        if elapsed >= self.policy.min_interval_ms {
            RestartDecision::Now
        } else {
            // Never negative, never zero: a session that ends instantly is retried after the rest of the interval.
            RestartDecision::After((self.policy.min_interval_ms - elapsed.max(0.0)).ceil().max(1.0) as u32)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn restarts_at_once_after_a_long_session() {
        let mut throttle = RestartThrottle::new(RestartPolicy::default());
        throttle.started(0.0);
        assert_eq!(throttle.decide(8000.0), RestartDecision::Now);
    }

    #[test]
    fn a_session_that_ends_quickly_waits_out_the_interval() {
        let mut throttle = RestartThrottle::new(RestartPolicy::default());
        throttle.started(1000.0);
        assert_eq!(throttle.decide(1250.0), RestartDecision::After(750));
        // A clock that goes backwards must not produce a longer wait than the interval.
        throttle.started(2000.0);
        assert_eq!(throttle.decide(1900.0), RestartDecision::After(1000));
    }

    #[test]
    fn gives_up_after_too_many_silent_restarts_and_speech_resets_the_count() {
        let policy = RestartPolicy { min_interval_ms: 1000.0, max_silent_restarts: 3 };
        let mut throttle = RestartThrottle::new(policy);
        let mut now = 0.0;
        for _ in 0..3 {
            throttle.started(now);
            now += 7000.0;
            assert_eq!(throttle.decide(now), RestartDecision::Now);
        }
        assert_eq!(throttle.decide(now), RestartDecision::GiveUp);
        throttle.heard_speech();
        assert_eq!(throttle.decide(now + 7000.0), RestartDecision::Now);
        throttle.reset();
        assert_eq!(throttle.decide(now + 14000.0), RestartDecision::Now);
    }

    #[test]
    fn rapid_endings_never_restart_more_than_once_per_interval() {
        let mut throttle = RestartThrottle::new(RestartPolicy { min_interval_ms: 1000.0, max_silent_restarts: 100 });
        let mut now = 0.0;
        let mut starts = vec![];
        for _ in 0..20 {
            throttle.started(now);
            starts.push(now);
            // The session dies 10 ms after starting.
            let ended = now + 10.0;
            now = match throttle.decide(ended) {
                RestartDecision::Now => ended,
                RestartDecision::After(ms) => ended + f64::from(ms),
                RestartDecision::GiveUp => unreachable!(),
            };
        }
        assert!(starts.windows(2).all(|w| w[1] - w[0] >= 1000.0), "{starts:?}");
    }
}
