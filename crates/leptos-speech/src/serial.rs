//! A re-entrancy-safe work queue for the hooks' drivers.
//!
//! Browser events can fire while a driver is still handling one (a `speak()` or `abort()` that dispatches at once):
//! the nested work waits in the queue and runs when the outer work is done, instead of double-borrowing the state.

use std::cell::RefCell;
use std::collections::VecDeque;

/// The driver's state and its pending work, handled one item at a time.
pub struct Serial<S, W> {
    state: RefCell<S>,
    queue: RefCell<VecDeque<W>>,
}

impl<S, W> Serial<S, W> {
    /// A queue around `state`.
    pub fn new(state: S) -> Self {
        Self { state: RefCell::new(state), queue: RefCell::new(VecDeque::new()) }
    }

    /// Queue `work`; unless work is already being handled further up the stack, handle everything queued.
    pub fn run(&self, work: W, mut handle: impl FnMut(&mut S, W)) {
        self.queue.borrow_mut().push_back(work);
        let Ok(mut state) = self.state.try_borrow_mut() else { return };
        loop {
            let next = self.queue.borrow_mut().pop_front();
            let Some(work) = next else { break };
            handle(&mut state, work);
        }
    }

    /// Drop pending work and, unless work is being handled, let `f` change the state (the owner is going away).
    pub fn shut_down(&self, f: impl FnOnce(&mut S)) {
        self.queue.borrow_mut().clear();
        if let Ok(mut state) = self.state.try_borrow_mut() {
            f(&mut state);
        }
    }

    /// The state, when no work is being handled.
    pub fn with_state<R>(&self, f: impl FnOnce(&mut S) -> R) -> Option<R> {
        self.state.try_borrow_mut().ok().map(|mut state| f(&mut state))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_work_waits_for_the_outer_work() {
        let serial: Serial<Vec<u32>, u32> = Serial::new(Vec::new());
        let order = RefCell::new(Vec::new());
        serial.run(1, |state, work| {
            order.borrow_mut().push(work);
            state.push(work);
            if work == 1 {
                // Re-entrant: queued, handled after this returns.
                serial.run(2, |_, _| unreachable!("the outer loop handles it"));
                assert_eq!(order.borrow().as_slice(), &[1]);
            }
        });
        assert_eq!(order.into_inner(), vec![1, 2]);
        assert_eq!(serial.with_state(|state| state.clone()), Some(vec![1, 2]));
        serial.shut_down(|state| state.clear());
        assert_eq!(serial.with_state(|state| state.len()), Some(0));
    }
}
