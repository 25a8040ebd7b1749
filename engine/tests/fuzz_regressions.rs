//! Inputs that once crashed (or would crash) a parser, kept in the normal suite.
//!
//! Before the FST sections were validated at load (`fst_check`), an index crafted to pass the
//! checksum could make the `fst` crate panic inside a search: the index fuzzer found such files
//! within a minute. `fixtures/crafted-vocab.hidx` is one: the index of `CATALOG` below with the
//! state byte of its vocabulary FST's first node changed (`^ 0x40` at byte 16 of the FST),
//! re-sealed with a valid CRC-32. The sweep below checks every such single-byte change.

mod support;
use support::crc32;

use hark_engine::analysis::{edit_distance, fold_query_with, fold_text, MAX_QUERY_WORD_CHARS};
use hark_engine::{parse_catalog, CatalogConfig, DefaultFolder, Index, IndexError, Query};

static CATALOG: &str = concat!(
    r#"{"id":"1","title":"Espresso maker","description":"A coffee maker that forces live steam through coffee grounds","category":"coffee maker"}"#,
    "\n",
    r#"{"id":"4","title":"Tuning fork","description":"Two-pronged steel device that vibrates at a given frequency","category":"acoustic device"}"#,
    "\n",
    r#"{"id":"9","title":"Night light","description":"A small lamp left on at night","category":"lamp","keywords":["nightlight"]}"#,
    "\n"
);

fn small_index() -> Vec<u8> {
    let cfg = CatalogConfig::default();
    Index::build(&parse_catalog(CATALOG.as_bytes(), &cfg).unwrap(), &cfg).to_bytes()
}

/// Byte ranges of the three FST sections (vocabulary, stems, phonetic codes) in index bytes.
fn fst_sections(bytes: &[u8]) -> Vec<std::ops::Range<usize>> {
    let u32_at = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    // magic, version, n_docs, n_terms, max_results, tag (length byte + text), 15 f32.
    let mut pos = 24 + 1 + usize::from(bytes[24]) + 15 * 4;
    let mut out = Vec::new();
    for _ in 0..3 {
        let len = u32_at(pos);
        out.push(pos + 4..pos + 4 + len);
        pos += 4 + len;
    }
    out
}

fn reseal(body: &mut [u8]) {
    let n = body.len() - 4;
    let crc = crc32(&body[..n]);
    body[n..].copy_from_slice(&crc.to_le_bytes());
}


/// Everything a page does with a loaded index.
fn exercise(index: &Index) {
    for q in ["espreso", "tunning fork", "nite lite", "fo", "coffe maker"] {
        for h in index.search(&Query::text(q)) {
            assert!(index.doc(h.doc).is_some());
        }
    }
    let _ = index.suggest("expreso tunin");
    assert_eq!(index.docs().count(), index.len());
}

#[test]
fn the_crafted_index_is_refused_not_a_panic() {
    let bytes = include_bytes!("fixtures/crafted-vocab.hidx");
    match Index::from_bytes(bytes) {
        Err(IndexError::Corrupt { section, .. }) => assert_eq!(section, "vocabulary"),
        other => panic!("expected a corrupt vocabulary, got {other:?}"),
    }
}

#[test]
fn the_crafted_vocabulary_does_make_fst_panic() {
    // The regression is real: the same FST bytes handed straight to `fst` panic while streaming.
    let bytes = include_bytes!("fixtures/crafted-vocab.hidx");
    let vocab = bytes[fst_sections(bytes)[0].clone()].to_vec();
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result = std::panic::catch_unwind(|| {
        use fst::Streamer;
        let map = fst::Map::new(vocab)?;
        let mut s = map.stream();
        while s.next().is_some() {}
        Ok::<(), fst::Error>(())
    });
    std::panic::set_hook(hook);
    assert!(
        result.is_err(),
        "fst read the crafted vocabulary without panicking"
    );
}

/// Every single-byte change in any FST section of a real index, re-sealed so the checksum
/// passes, is either refused at load or gives an index that searches without panicking.
#[test]
fn every_resealed_single_byte_fst_change_is_refused_or_safe() {
    let bytes = small_index();
    let (mut refused, mut loaded) = (0, 0);
    for section in fst_sections(&bytes) {
        for at in section {
            for x in [0x01u8, 0x08, 0x40, 0x80, 0xFF] {
                let mut v = bytes.clone();
                v[at] ^= x;
                reseal(&mut v);
                match Index::from_vec(v) {
                    Ok(index) => {
                        exercise(&index);
                        loaded += 1;
                    }
                    Err(e) => {
                        assert!(matches!(e, IndexError::Corrupt { .. }), "{e}");
                        refused += 1;
                    }
                }
            }
        }
    }
    assert!(
        refused > 0 && loaded > 0,
        "{refused} refused, {loaded} loaded"
    );
}

/// The query fuzzer's crash `fixtures/fuzz/query-analysis-rtl-cut.bin` (option byte, limit byte,
/// text): a 78-byte word whose byte 64 is inside an Arabic letter. The harness itself cut it
/// there; the engine, which cuts query words by characters, must take it whole.
#[test]
fn a_long_word_with_a_letter_across_byte_64_is_searched() {
    let data = include_bytes!("fixtures/fuzz/query-analysis-rtl-cut.bin");
    let text = String::from_utf8_lossy(&data[2..]);
    let words = fold_text(&text);
    assert!(
        words
            .iter()
            .any(|w| w.len() > 64 && !w.is_char_boundary(64)),
        "{words:?}"
    );
    let query_words = fold_query_with(&DefaultFolder, &text);
    assert!(query_words
        .iter()
        .all(|w| w.chars().count() <= MAX_QUERY_WORD_CHARS));
    let _ = edit_distance(&query_words[0], &query_words[1]);

    let cfg = CatalogConfig::default();
    let index = Index::build(&parse_catalog(CATALOG.as_bytes(), &cfg).unwrap(), &cfg);
    let (flags, limit) = (data[0], usize::from(data[1]));
    let q = Query::text(text.as_ref())
        .with_prefix_last_word(flags & 1 != 0)
        .with_typo_tolerance(flags & 2 != 0)
        .with_phonetic(flags & 4 != 0)
        .with_strip_filler(flags & 8 != 0)
        .with_limit(limit);
    for h in index.search(&q) {
        assert!(index.doc(h.doc).is_some() && h.score.is_finite());
    }
    let _ = index.suggest(&text);
}

/// Where the index fuzzer's seeds come from: `fuzz/corpus/index_parser/NAME-body.bin` is the index of this catalog
/// (default config) without its first 12 bytes (magic and version) and its last 4 (the CRC-32), which the fuzz
/// target adds back when it seals its input.
const SEED_CATALOGS: [(&str, &str); 2] =
    [("parity-body.bin", "../tests/fixtures/parity.jsonl"), ("shop-body.bin", "fuzz/corpus/catalog_parser/shop.jsonl")];

/// The crafted fixture: [`small_index`] with the state byte of its vocabulary FST's first node changed.
fn crafted_vocab() -> Vec<u8> {
    let mut bytes = small_index();
    let vocab = fst_sections(&bytes)[0].clone();
    bytes[vocab.start + 16] ^= 0x40;
    reseal(&mut bytes);
    bytes
}

/// The index fuzzer's seeds (`fuzz/corpus/index_parser/*.bin`) and `fixtures/crafted-vocab.hidx` are in the current
/// format: sealed the way the fuzz target seals its input (magic, `FORMAT_VERSION`, body, CRC-32), each seed loads,
/// with documents and stored phrases. A format change that left them stale would make the fuzzer start from files
/// the loader refuses at once. After a format change, regenerate them from their sources with
/// `HARK_BLESS=1 cargo test -p hark-engine --test fuzz_regressions fuzz_seed`.
#[test]
fn the_fuzz_seed_indexes_are_in_the_current_format() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("fuzz/corpus/index_parser");
    if std::env::var_os("HARK_BLESS").is_some() {
        let cfg = CatalogConfig::default();
        for (seed, catalog) in SEED_CATALOGS {
            let catalog = parse_catalog(&std::fs::read(root.join(catalog)).unwrap(), &cfg).unwrap();
            let bytes = Index::build(&catalog, &cfg).to_bytes();
            std::fs::write(dir.join(seed), &bytes[12..bytes.len() - 4]).unwrap();
        }
        std::fs::write(root.join("tests/fixtures/crafted-vocab.hidx"), crafted_vocab()).unwrap();
    }
    assert!(
        include_bytes!("fixtures/crafted-vocab.hidx")[..] == crafted_vocab()[..]
            || std::env::var_os("HARK_BLESS").is_some(),
        "fixtures/crafted-vocab.hidx is stale: rerun with HARK_BLESS=1"
    );
    let mut seeds = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("bin") {
            continue;
        }
        let mut sealed = hark_engine::MAGIC.to_vec();
        sealed.extend_from_slice(&hark_engine::FORMAT_VERSION.to_le_bytes());
        sealed.extend_from_slice(&std::fs::read(&path).unwrap());
        let crc = crc32(&sealed);
        sealed.extend_from_slice(&crc.to_le_bytes());
        let index = Index::from_vec(sealed)
            .unwrap_or_else(|e| panic!("{}: {e} (regenerate with HARK_BLESS=1)", path.display()));
        assert!(!index.is_empty(), "{}: no documents", path.display());
        assert!(!index.phrases().is_empty(), "{}: no stored phrases", path.display());
        seeds += 1;
    }
    assert!(seeds >= SEED_CATALOGS.len(), "expected the parity and shop seeds in {}", dir.display());
}
