//! Sorting through one compiled sort, for code that runs in the browser page.
//!
//! The standard library's `sort_by` and friends are generic over the element and the comparison, so every call
//! site compiles its own copy of the sort: pivot choice, partitioning, small-sort and the heapsort fallback, 1–3 KB
//! of wasm each. The page had 189 such copies, 81 KB of its wasm before `wasm-opt` (`twiggy top` on a build that
//! keeps names). These helpers sort the positions `0..len` with the comparison behind `&mut dyn FnMut`, so the
//! sort itself is compiled once, then move the items into that order; a call site adds only that small move.
//!
//! The cost is an indirect call per comparison and a `Vec<usize>` of positions: fine for the short lists of a
//! query (candidates of one word, highlight spans, facet values). The search's ranking of all its candidates,
//! the one hot sort, calls `select_nth_unstable_by` and `sort_unstable_by` directly.

use std::cmp::Ordering;

/// Sorts `items` by `compare`; equal items keep their order (a stable sort).
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    rearrange(items, order);
}

/// Sorts `items` by the key `key` gives each; equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in ascending order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` puts them, ties by position: the one compiled sort.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_unstable_by(|&a, &b| compare(a, b).then(a.cmp(&b)));
    order
}

/// Moves the items so that position `i` holds what was at `order[i]`; `order` is a permutation of `0..len`.
/// Each cycle of the permutation is followed once, with swaps; a visited position is marked `usize::MAX`.
fn rearrange<T>(items: &mut [T], mut order: Vec<usize>) {
    debug_assert_eq!(items.len(), order.len());
    for start in 0..order.len() {
        let mut at = start;
        while order[at] != usize::MAX {
            let from = std::mem::replace(&mut order[at], usize::MAX);
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lists from a fixed-seed generator, with many repeated keys so that stability shows.
    fn lists() -> impl Iterator<Item = Vec<(u8, u32)>> {
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..200).map(move |n| {
            let len = if n == 0 { 0 } else { (next() % 64) as usize };
            (0..len as u32).map(|i| ((next() % 8) as u8, i)).collect()
        })
    }

    #[test]
    fn sorts_as_the_standard_stable_sort_does() {
        for list in lists() {
            let mut expected = list.clone();
            expected.sort_by_key(|item| item.0);
            let mut sorted = list.clone();
            sort_by_key(&mut sorted, |item| item.0);
            assert_eq!(sorted, expected, "from {list:?}");

            let mut descending = list.clone();
            descending.sort_by(|a, b| b.0.cmp(&a.0));
            let mut ours = list;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            assert_eq!(ours, descending);
        }
    }

    #[test]
    fn sorts_owned_values_and_moves_every_item_once() {
        let mut words: Vec<String> = ["pear", "apple", "fig", "apple", "kiwi"].map(String::from).into();
        sort(&mut words);
        assert_eq!(words, ["apple", "apple", "fig", "kiwi", "pear"]);
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn follows_every_cycle_of_a_permutation() {
        for order in [vec![1, 2, 0], vec![2, 0, 1], vec![0, 1, 2], vec![1, 0, 3, 2], vec![3, 0, 1, 2]] {
            let mut items: Vec<usize> = (0..order.len()).map(|i| i * 10).collect();
            let expected: Vec<usize> = order.iter().map(|&i| i * 10).collect();
            rearrange(&mut items, order);
            assert_eq!(items, expected);
        }
    }
}
