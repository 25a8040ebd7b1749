//! Load-time validation of an FST map's bytes, so that nothing the `fst` crate later does with
//! them (lookups, ranges, automaton searches, streams) can panic, loop or run without bound.
//!
//! `fst::Map::new` checks only the header, and the crate trusts every node it reaches: a crafted
//! node makes it slice out of bounds, unpack a 0- or 9-byte integer, or overflow an output sum.
//! [`validate`] decodes every node reachable from the root with the fst 0.4 (format version 3)
//! node encoding, using checked reads only (`raw/node.rs` in the `fst` source is the reference),
//! and rejects the map unless:
//!
//! - the node area (after the 16-byte header, before the 20-byte trailer) is exactly a sequence
//!   of nodes ending with the root, as `fst`'s builder writes it, and no node reads outside it;
//! - pack sizes are 1–8 bytes (outputs may be 0: none), and every transition points to a node
//!   below its own node's first byte — so the graph is acyclic, and every walk ends;
//! - a node's transition inputs are strictly increasing, and its 256-byte lookup table (nodes
//!   with more than 32 transitions) agrees with them exactly;
//! - every node is final or has a transition (no dead ends), so every output sum along any path
//!   is at most the largest value of a key;
//! - every value is below `values_below` (no output sum can overflow), and the number of keys
//!   equals the header's count and is at most `max_keys` (so a stream over the whole map is
//!   bounded by the index size, not by a DAG with exponentially many paths).
//!
//! Each node is decoded twice and summarised once, so the check costs time linear in the FST's
//! size, and memory of one summary per node plus a bitset of node ends with its counts (a bit
//! and a half per FST byte) — not a table entry per FST byte.

/// The first byte of the node area (after the version and type words).
const HEADER: usize = 16;
/// Bytes after the root node: number of keys, root address (u64 each) and the checksum (u32).
const TRAILER: usize = 20;
/// Nodes with more transitions than this carry a 256-byte input → transition table.
const TRANS_INDEX_THRESHOLD: usize = 32;
/// `fst`'s address of the implicit final node with no transitions and no output.
const EMPTY_ADDRESS: usize = 0;

/// One decoded transition.
#[derive(Debug, Clone, Copy)]
struct Trans {
    /// The input byte (only decoded for nodes with any number of transitions, where order and
    /// the lookup table depend on it; a single transition's input cannot make `fst` misbehave).
    input: u8,
    output: u64,
    addr: usize,
}

/// One decoded node: its transitions are left in the caller's buffer.
#[derive(Debug, Clone, Copy)]
struct Node {
    is_final: bool,
    final_output: u64,
    /// The node's first byte (it is read backwards from its address, its last byte).
    end: usize,
}

/// Per node: the largest value of any key through it (from here on) and its number of keys.
type Summary = (u64, u64);

/// Checks FST map bytes as described in the module docs. `Err` says what is wrong.
pub(crate) fn validate(bytes: &[u8], values_below: u64, max_keys: u64) -> Result<(), String> {
    let len = bytes.len();
    if len < HEADER + TRAILER {
        return Err(format!("{len} bytes are too short for an FST"));
    }
    let version = read_u64(bytes, 0)?;
    if version != fst::raw::VERSION {
        return Err(format!(
            "FST format version {version} (this build reads version {})",
            fst::raw::VERSION
        ));
    }
    let keys = read_u64(bytes, len - 20)?;
    let root = read_u64(bytes, len - 12)?;
    if keys > max_keys {
        return Err(format!("{keys} keys where at most {max_keys} fit"));
    }
    if root == EMPTY_ADDRESS as u64 {
        // Only the map holding just the empty key (value 0) has no root node of its own.
        return if len == HEADER + TRAILER && keys == 1 {
            Ok(())
        } else {
            Err("the root address is empty but the FST is not".into())
        };
    }
    let area = Area {
        bytes,
        end: len - TRAILER,
    };
    if root != (area.end - 1) as u64 {
        return Err(format!(
            "the root address {root} is not the last node (byte {})",
            area.end - 1
        ));
    }
    let (max_value, count) = walk(&area, area.end - 1, values_below, max_keys)?;
    if count != keys {
        return Err(format!("{count} keys where the FST header says {keys}"));
    }
    if count > 0 && max_value >= values_below {
        return Err(format!("value {max_value} is not below {values_below}"));
    }
    Ok(())
}

/// Reads a little-endian u64 at `at`.
fn read_u64(bytes: &[u8], at: usize) -> Result<u64, String> {
    let b = bytes
        .get(at..at.saturating_add(8))
        .ok_or_else(|| format!("no 8 bytes at {at}"))?;
    let mut v = [0u8; 8];
    v.copy_from_slice(b);
    Ok(u64::from_le_bytes(v))
}

/// The node area: bytes `HEADER..end` of the FST.
struct Area<'a> {
    bytes: &'a [u8],
    end: usize,
}

impl Area<'_> {
    /// The byte at `at`, if it lies in the node area.
    fn byte(&self, at: usize) -> Result<u8, String> {
        if (HEADER..self.end).contains(&at) {
            Ok(self.bytes[at])
        } else {
            Err(format!("a node reads byte {at}, outside the node area"))
        }
    }

    /// `at - n`, if that stays in the node area.
    fn back(&self, at: usize, n: usize) -> Result<usize, String> {
        at.checked_sub(n)
            .filter(|&a| a >= HEADER)
            .ok_or_else(|| format!("a node at {at} starts before the node area"))
    }

    /// An `n`-byte little-endian integer starting at `at` (as `fst`'s `unpack_uint`).
    fn uint(&self, at: usize, n: usize) -> Result<u64, String> {
        let mut v = 0u64;
        for i in 0..n {
            v |= u64::from(self.byte(at + i)?) << (8 * i);
        }
        Ok(v)
    }

    /// A transition target: `delta` bytes below `node_end`, or the empty final node for 0.
    fn target(&self, at: usize, size: usize, node_end: usize) -> Result<usize, String> {
        let delta = self.uint(at, size)?;
        if delta == 0 {
            return Ok(EMPTY_ADDRESS);
        }
        match usize::try_from(delta)
            .ok()
            .and_then(|d| node_end.checked_sub(d))
        {
            Some(a) if a >= HEADER => Ok(a),
            _ => Err(format!("a transition at {at} points outside the node area")),
        }
    }

    /// Decodes the node whose last byte is `addr`, pushing its transitions onto `trans`.
    fn node(&self, addr: usize, trans: &mut Vec<Trans>) -> Result<Node, String> {
        trans.clear();
        let state = self.byte(addr)?;
        let common = state & 0b0011_1111;
        match state >> 6 {
            // One transition to the node just below, no output.
            0b11 => {
                let end = self.back(addr, usize::from(common == 0))?;
                let target = self.back(end, 1)?;
                trans.push(Trans {
                    input: 0,
                    output: 0,
                    addr: target,
                });
                Ok(Node {
                    is_final: false,
                    final_output: 0,
                    end,
                })
            }
            // One transition with an address and maybe an output.
            0b10 => {
                let input_len = usize::from(common == 0);
                let sizes_at = self.back(addr, input_len + 1)?;
                let (tsize, osize) = pack_sizes(self.byte(sizes_at)?, true)?;
                let end = self.back(sizes_at, tsize + osize)?;
                let output = if osize == 0 {
                    0
                } else {
                    self.uint(end, osize)?
                };
                let addr = self.target(sizes_at - tsize, tsize, end)?;
                trans.push(Trans {
                    input: 0,
                    output,
                    addr,
                });
                Ok(Node {
                    is_final: false,
                    final_output: 0,
                    end,
                })
            }
            // Any number of transitions (0–256), final or not.
            _ => {
                let is_final = state & 0b0100_0000 != 0;
                let (ntrans, ntrans_len) = if common != 0 {
                    (usize::from(common), 0)
                } else {
                    match self.byte(self.back(addr, 1)?)? {
                        1 => (256, 1),
                        n => (usize::from(n), 1),
                    }
                };
                let sizes_at = self.back(addr, ntrans_len + 1)?;
                let (tsize, osize) = pack_sizes(self.byte(sizes_at)?, ntrans > 0)?;
                let index_size = if ntrans > TRANS_INDEX_THRESHOLD {
                    256
                } else {
                    0
                };
                let inputs_end = self.back(sizes_at, index_size)?; // one past the first input
                let inputs_start = self.back(inputs_end, ntrans)?;
                let addrs_start = self.back(inputs_start, ntrans * tsize)?;
                let outputs_start = self.back(addrs_start, ntrans * osize)?;
                let final_size = if is_final { osize } else { 0 };
                let end = self.back(outputs_start, final_size)?;
                for i in 0..ntrans {
                    let input = self.byte(inputs_end - 1 - i)?;
                    if let Some(prev) = trans.last() {
                        if prev.input >= input {
                            return Err(format!("node {addr}: transition inputs out of order"));
                        }
                    }
                    let at = inputs_start - (i + 1) * tsize;
                    let target = self.target(at, tsize, end)?;
                    let output = if osize == 0 {
                        0
                    } else {
                        self.uint(addrs_start - (i + 1) * osize, osize)?
                    };
                    trans.push(Trans {
                        input,
                        output,
                        addr: target,
                    });
                }
                if index_size > 0 {
                    self.check_trans_index(addr, sizes_at - index_size, trans)?;
                }
                let final_output = if is_final && osize > 0 {
                    self.uint(end, osize)?
                } else {
                    0
                };
                Ok(Node {
                    is_final,
                    final_output,
                    end,
                })
            }
        }
    }

    /// The input → transition table must name exactly the node's transitions.
    fn check_trans_index(&self, addr: usize, at: usize, trans: &[Trans]) -> Result<(), String> {
        let mut expected = [None; 256];
        for (i, t) in trans.iter().enumerate() {
            expected[usize::from(t.input)] = Some(i);
        }
        for (b, want) in expected.iter().enumerate() {
            let i = usize::from(self.byte(at + b)?);
            let listed = (i < trans.len()).then_some(i);
            if listed != *want {
                return Err(format!(
                    "node {addr}: its transition table disagrees with its inputs"
                ));
            }
        }
        Ok(())
    }
}

/// Transition and output pack sizes from a node's size byte. Transition sizes must be 1–8 when
/// the node has transitions; output sizes 0–8.
fn pack_sizes(v: u8, has_transitions: bool) -> Result<(usize, usize), String> {
    let (t, o) = (usize::from(v >> 4), usize::from(v & 0x0F));
    let t_ok = if has_transitions {
        (1..=8).contains(&t)
    } else {
        t <= 8
    };
    if t_ok && o <= 8 {
        Ok((t, o))
    } else {
        Err(format!("pack sizes {t} and {o} are out of range"))
    }
}

/// Where the nodes end, and their summaries in address order: one bit per FST byte marks each
/// node's last byte, and a running count per 64-bit word turns an address into the node's rank
/// (a popcount), which indexes `summaries`. About 0.19 bytes per FST byte plus one summary per
/// node, with one array lookup per edge (a hash map made loading a large index several times
/// slower; a `u32` per FST byte cost 4 bytes of memory per FST byte).
struct Memo {
    /// Bit `a % 64` of word `a / 64` is set when a node ends (has its state byte) at `a`.
    ends: Vec<u64>,
    /// Per word: the number of bits set in the words before it.
    before: Vec<u32>,
    /// Per node, in increasing address order; filled from the lowest node up.
    summaries: Vec<Summary>,
}

impl Memo {
    /// An empty memo for a node area of `len` bytes.
    fn new(len: usize) -> Memo {
        Memo {
            ends: vec![0u64; len.div_ceil(64)],
            before: Vec::new(),
            summaries: Vec::new(),
        }
    }

    /// Marks a node ending at `addr` (before [`Memo::count_ends`]).
    fn mark(&mut self, addr: usize) {
        if let Some(w) = self.ends.get_mut(addr / 64) {
            *w |= 1 << (addr % 64);
        }
    }

    /// Counts the marked ends, so that [`Memo::rank`] works.
    fn count_ends(&mut self) -> Result<(), String> {
        let mut before = Vec::with_capacity(self.ends.len());
        let mut n = 0u32;
        for w in &self.ends {
            before.push(n);
            n = n
                .checked_add(w.count_ones())
                .ok_or_else(|| "too many nodes".to_owned())?;
        }
        self.before = before;
        self.summaries = Vec::with_capacity(n as usize);
        Ok(())
    }

    /// The address of the lowest marked node end at or after `from`.
    fn next_end(&self, from: usize) -> Option<usize> {
        let mut word = from / 64;
        let mut w = *self.ends.get(word)? & (u64::MAX << (from % 64));
        while w == 0 {
            word += 1;
            w = *self.ends.get(word)?;
        }
        Some(word * 64 + w.trailing_zeros() as usize)
    }

    /// The rank of the node ending at `addr` among all nodes, if one ends there.
    fn rank(&self, addr: usize) -> Option<usize> {
        let (word, bit) = (addr / 64, addr % 64);
        let w = *self.ends.get(word)?;
        if w & (1 << bit) == 0 {
            return None;
        }
        let below = (w & ((1u64 << bit) - 1)).count_ones();
        Some(*self.before.get(word)? as usize + below as usize)
    }

    /// The summary of the node ending at `addr`, once it has been summarised.
    fn get(&self, addr: usize) -> Option<Summary> {
        self.summaries.get(self.rank(addr)?).copied()
    }

    /// Records the next node's summary: nodes must come in increasing address order.
    fn push(&mut self, addr: usize, summary: Summary) -> Result<(), String> {
        if self.rank(addr) != Some(self.summaries.len()) {
            return Err(format!("node {addr} is summarised out of order"));
        }
        self.summaries.push(summary);
        Ok(())
    }
}

/// Summarises every node of the area, children before parents, returning the root's summary.
///
/// `fst`'s builder writes nodes back to back, each after the nodes it points to, the root last.
/// So the area is walked twice: from the root down, node after node, to find where each node
/// ends (the area must be exactly a sequence of nodes); then from the lowest node up, where every
/// transition must point at an already summarised node — one decode each way, and no stack.
fn walk(area: &Area<'_>, root: usize, values_below: u64, max_keys: u64) -> Result<Summary, String> {
    let mut trans = Vec::with_capacity(256);
    let mut done = Memo::new(area.end);
    let mut addr = root;
    loop {
        done.mark(addr);
        let end = area.node(addr, &mut trans)?.end;
        if end == HEADER {
            break;
        }
        // `end` stays in the node area, and each step goes strictly down: the loop ends.
        addr = end - 1;
    }
    done.count_ends()?;
    let mut next = done.next_end(0);
    while let Some(addr) = next {
        next = addr.checked_add(1).and_then(|a| done.next_end(a));
        let node = area.node(addr, &mut trans)?;
        // The root of an empty map is the one node allowed neither to be final nor to go on.
        if trans.is_empty() && !node.is_final && addr != root {
            return Err(format!(
                "node {addr} is a dead end (not final, no transitions)"
            ));
        }
        let mut max = if node.is_final { node.final_output } else { 0 };
        let mut count = u64::from(node.is_final);
        for t in &trans {
            let (child_max, child_count) = if t.addr == EMPTY_ADDRESS {
                (0, 1)
            } else {
                done.get(t.addr).ok_or_else(|| {
                    format!(
                        "node {addr}: a transition points to {}, not to a node",
                        t.addr
                    )
                })?
            };
            let value = t
                .output
                .checked_add(child_max)
                .ok_or_else(|| format!("node {addr}: an output sum overflows"))?;
            max = max.max(value);
            count = count
                .checked_add(child_count)
                .ok_or_else(|| format!("node {addr}: too many keys"))?;
        }
        if (count > 0 && max >= values_below) || count > max_keys {
            return Err(format!(
                "node {addr}: value {max} or {count} keys out of range"
            ));
        }
        done.push(addr, (max, count))?;
    }
    done.get(root)
        .ok_or_else(|| "the root was not summarised".to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{Automaton, IntoStreamer, Streamer};

    fn map_bytes(keys: &[(Vec<u8>, u64)]) -> Vec<u8> {
        let mut keys = keys.to_vec();
        keys.sort();
        keys.dedup_by(|a, b| a.0 == b.0);
        let mut b = fst::MapBuilder::memory();
        for (k, v) in &keys {
            b.insert(k, *v).unwrap();
        }
        b.into_inner().unwrap()
    }

    fn words(n: usize) -> Vec<(Vec<u8>, u64)> {
        (0..n)
            .map(|i| {
                let w = format!(
                    "{}{}x{}",
                    (b'!' + (i % 90) as u8) as char,
                    i * 7919 % 1000,
                    i % 13
                );
                (w.into_bytes(), i as u64)
            })
            .collect()
    }

    /// Everything `fst` does with a map in search: every key, lookups, ranges and an automaton.
    fn read_all(bytes: Vec<u8>) -> usize {
        let map = fst::Map::new(bytes).unwrap();
        let mut stream = map.stream();
        let mut n = 0;
        let mut keys = Vec::new();
        while let Some((k, _)) = stream.next() {
            keys.push(k.to_vec());
            n += 1;
        }
        for k in &keys {
            let _ = map.get(k);
        }
        let _ = map.get("fork");
        let mut range = map.range().ge("a").lt("n").into_stream();
        while range.next().is_some() {}
        let lev = fst::automaton::Str::new("t").starts_with();
        let mut found = map.search(lev).into_stream();
        while found.next().is_some() {}
        n
    }

    #[test]
    fn accepts_every_map_the_builder_writes() {
        let long = vec![(vec![b'q'; 2000], 5), (b"q".to_vec(), 7)];
        let wide: Vec<(Vec<u8>, u64)> = (0..=255u8).map(|b| (vec![b, b], u64::from(b))).collect();
        let big_values = vec![
            (b"a".to_vec(), u64::from(u32::MAX) - 1),
            (b"b".to_vec(), 1 << 20),
        ];
        for keys in [
            vec![],
            vec![(Vec::new(), 0)],
            words(1),
            words(40),
            words(700),
            long,
            wide,
            big_values,
        ] {
            let bytes = map_bytes(&keys);
            let n = fst::Map::new(bytes.clone()).unwrap().len() as u64;
            validate(&bytes, u64::from(u32::MAX), n)
                .unwrap_or_else(|e| panic!("{} keys: {e}", keys.len()));
            assert_eq!(read_all(bytes), n as usize);
        }
    }

    #[test]
    fn rejects_out_of_range_values_and_key_counts() {
        let bytes = map_bytes(&words(40));
        assert!(validate(&bytes, 40, 40).is_ok());
        assert!(
            validate(&bytes, 39, 40).unwrap_err().contains("39"),
            "a value is 39"
        );
        assert!(validate(&bytes, 40, 39).is_err(), "too many keys");
        let mut wrong_count = bytes.clone();
        let at = wrong_count.len() - 20;
        wrong_count[at] = 41;
        assert!(validate(&wrong_count, 40, 1000)
            .unwrap_err()
            .contains("header says 41"));
        let mut moved_root = bytes.clone();
        let at = moved_root.len() - 12;
        moved_root[at] -= 1;
        assert!(validate(&moved_root, 40, 40)
            .unwrap_err()
            .contains("root address"));
        let mut version = bytes.clone();
        version[0] = 2;
        assert!(validate(&version, 40, 40)
            .unwrap_err()
            .contains("version 2"));
        assert!(validate(&bytes[..35], 40, 40).is_err());
        assert!(validate(&[0; 36], 40, 40).is_err());
    }

    #[test]
    fn corrupt_root_nodes_are_rejected() {
        // The last node written is the root; its state byte and the bytes below it decide
        // how the rest is read.
        let bytes = map_bytes(&[(b"ab".to_vec(), 0), (b"b".to_vec(), 1)]);
        assert!(validate(&bytes, 2, 2).is_ok());
        let mut rejected = 0;
        for delta in [0xFFu8, 0x7F, 0x40] {
            let mut v = bytes.clone();
            // The root's transition addresses sit a few bytes below its state byte.
            let root = v.len() - 21;
            for at in root.saturating_sub(6)..root {
                let mut w = v.clone();
                w[at] = delta;
                if validate(&w, 2, 2).is_err() {
                    rejected += 1;
                }
            }
            v[root] = 0;
            assert!(
                validate(&v, 2, 2).is_err(),
                "a root that is no longer a node"
            );
        }
        assert!(rejected > 0);
    }

    /// Every single-byte change of a real map either is rejected, or leaves a map that `fst`
    /// reads completely without panicking, with exactly the keys its header announces. Some of
    /// the rejected ones do make `fst` panic (so the check is what keeps search safe).
    #[test]
    fn every_single_byte_mutation_is_rejected_or_safe() {
        let keys = words(60);
        let bytes = map_bytes(&keys);
        let n = keys.len() as u64;
        let (mut accepted_but_unsafe, mut rejected_and_unsafe) = (Vec::new(), 0);
        // Panics are expected here (that is what is counted): keep them off the test output.
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        for at in 0..bytes.len() {
            for x in [0x01u8, 0x10, 0x80, 0xFF, 0x3C] {
                let mut v = bytes.clone();
                v[at] ^= x;
                let accepted = validate(&v, n, n).is_ok();
                let header_len = fst::Map::new(v.clone()).map(|m| m.len()).ok();
                let read = std::panic::catch_unwind(|| read_all(v));
                match (accepted, read) {
                    (true, Ok(count)) if header_len == Some(count) => {}
                    (true, _) => accepted_but_unsafe.push((at, x)),
                    (false, Err(_)) => rejected_and_unsafe += 1,
                    (false, Ok(_)) => {}
                }
            }
        }
        std::panic::set_hook(hook);
        assert_eq!(
            accepted_but_unsafe,
            [],
            "accepted mutations (byte, xor) that fst cannot read"
        );
        assert!(
            rejected_and_unsafe > 0,
            "no mutation made fst panic: the sweep tests nothing"
        );
    }
}
