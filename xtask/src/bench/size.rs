//! Where the page wasm's bytes go (`cargo xtask bench`, `--only page`, `--only size`).
//!
//! The page (`--bin hark`) is built as trunk builds it: release, `wasm-bindgen --target web`, `wasm-opt -Oz` with the
//! flags `index.html` gives trunk. That wasm's size and gzip -9 are what `dist/` ships. A second `wasm-opt` run with
//! `-g` keeps the function names, and [twiggy](https://github.com/rustwasm/twiggy) (`twiggy top`) sizes every function
//! and data segment in it; they are summed here by the crate they come from. Its own target folder
//! (`target/size-profile`) keeps trunk's build untouched.
//!
//! Beside it, the same build of `bench/leptos-floor`: the UI contract on Leptos and nothing else, the first load no
//! Leptos page can go under.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::capture;
use crate::proc::{checked, command, output_of, timed, workspace_root};

/// The page wasm: what ships, and its bytes by part; and the Leptos floor beside it.
#[derive(Debug, Default, PartialEq)]
pub struct Profile {
    /// Size of the `wasm-opt -Oz` build, as in `dist/`.
    pub bytes: u64,
    /// Its gzip -9 size.
    pub gzip: u64,
    /// The gzip -9 size of its wasm-bindgen JS glue.
    pub glue_gzip: u64,
    /// Bytes of code and data by part (see [`part_of`]), from the build that keeps names; largest first.
    pub parts: Vec<(&'static str, u64)>,
    /// `bench/leptos-floor` built the same way.
    pub floor: Shipped,
}

/// A wasm and its JS glue as shipped, gzip -9.
#[derive(Debug, Default, PartialEq)]
pub struct Shipped {
    /// The `wasm-opt -Oz` wasm.
    pub wasm_gzip: u64,
    /// The wasm-bindgen JS glue.
    pub glue_gzip: u64,
}

/// Build the page wasm twice (as shipped, and keeping names), profile it with twiggy and sum the bytes by part; build
/// the Leptos floor as shipped.
pub fn measure() -> Result<Profile, String> {
    let root = workspace_root();
    let dir = root.join("target/size-profile");
    install_twiggy()?;
    let params = wasm_opt_params(&std::fs::read_to_string(root.join("index.html")).map_err(|e| format!("cannot read index.html: {e}"))?);
    let page = build_like_trunk(&dir, "hark", "hark", &params)?;
    let named = dir.join("hark.named.wasm");
    wasm_opt(&page.bindgen_wasm, &named, &params, true)?;
    let wasm = std::fs::read(&page.shipped).map_err(|e| format!("cannot read {}: {e}", page.shipped.display()))?;
    let csv = capture(command("twiggy", &["top", "-n", "1000000", "--format", "csv", &named.display().to_string()]))?;
    let floor = build_like_trunk(&dir, "hark-leptos-floor", "leptos-floor", &params)?;
    Ok(Profile {
        bytes: wasm.len() as u64,
        gzip: gzip_size(&page.shipped)?,
        glue_gzip: gzip_size(&page.glue)?,
        parts: parts(&csv),
        floor: Shipped { wasm_gzip: gzip_size(&floor.shipped)?, glue_gzip: gzip_size(&floor.glue)? },
    })
}

/// The files of one [`build_like_trunk`].
struct Built {
    /// wasm-bindgen's wasm, before `wasm-opt`.
    bindgen_wasm: PathBuf,
    /// The `wasm-opt -Oz` wasm, as trunk ships it.
    shipped: PathBuf,
    /// wasm-bindgen's JS glue.
    glue: PathBuf,
}

/// `package`'s `--bin bin` built as trunk builds the page: release for wasm32, `wasm-bindgen --target web`,
/// `wasm-opt -Oz` with `params`; everything under `dir`.
fn build_like_trunk(dir: &Path, package: &str, bin: &str, params: &[String]) -> Result<Built, String> {
    let target = dir.display().to_string();
    let args = ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "-p", package, "--bin", bin];
    checked(command("cargo", &[&args[..], &["--target-dir", &target]].concat()))?;
    let built = dir.join(format!("wasm32-unknown-unknown/release/{bin}.wasm")).display().to_string();
    let bindgen = dir.join(format!("bindgen-{bin}"));
    checked(command("wasm-bindgen", &["--target", "web", "--out-dir", &bindgen.display().to_string(), &built]))?;
    let built = Built {
        bindgen_wasm: bindgen.join(format!("{bin}_bg.wasm")),
        shipped: dir.join(format!("{bin}.opt.wasm")),
        glue: bindgen.join(format!("{bin}.js")),
    };
    wasm_opt(&built.bindgen_wasm, &built.shipped, params, false)?;
    Ok(built)
}

/// `wasm-opt -Oz` (with `-g`, names kept) and `params`, from `input` to `output`.
fn wasm_opt(input: &Path, output: &Path, params: &[String], keep_names: bool) -> Result<(), String> {
    let (input, output) = (input.display().to_string(), output.display().to_string());
    let mut args = vec!["-Oz"];
    if keep_names {
        args.push("-g");
    }
    args.extend(params.iter().map(String::as_str));
    args.extend([input.as_str(), "-o", output.as_str()]);
    checked(command("wasm-opt", &args))
}

fn gzip_size(file: &Path) -> Result<u64, String> {
    let bytes = std::fs::read(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    Ok(crate::site::gzip(&bytes)?.len() as u64)
}

/// The report section.
pub fn section(profile: &Profile) -> String {
    let mut out = String::from("## Where the page wasm's bytes go\n\n");
    let _ = writeln!(
        out,
        "`--bin hark` built as trunk builds it (release, wasm-bindgen, `wasm-opt -Oz` with index.html's flags): {} bytes, \
         **{:.1} KB gzip -9**. By part, from `twiggy top` on the same build with `wasm-opt -g` (names kept; the name \
         sections themselves are not counted; the build is left in `target/size-profile/hark.named.wasm` for `twiggy paths`), \
         each function and data segment summed by the crate it comes from:\n",
        profile.bytes,
        profile.gzip as f64 / 1000.0,
    );
    let total: u64 = profile.parts.iter().map(|(_, bytes)| bytes).sum();
    let _ = writeln!(out, "| part | bytes | share |\n|---|---:|---:|");
    for (part, bytes) in &profile.parts {
        let share = if total == 0 { 0.0 } else { *bytes as f64 * 100.0 / total as f64 };
        let _ = writeln!(out, "| {part} | {bytes} | {share:.1} % |");
    }
    let _ = writeln!(out, "| **total** | {total} | |\n");
    out.push_str(&floor_section(profile));
    out
}

/// The Leptos floor beside the page: what Leptos itself costs, and what Hark's first view adds.
fn floor_section(profile: &Profile) -> String {
    let kb = |bytes: u64| bytes as f64 / 1000.0;
    let floor = &profile.floor;
    let (page_total, floor_total) = (profile.gzip + profile.glue_gzip, floor.wasm_gzip + floor.glue_gzip);
    let mut out = String::from("## The floor: Leptos alone\n\n");
    let _ = writeln!(
        out,
        "`bench/leptos-floor` is the UI contract (heading, searchbox, \"Voice search\" button, status line, keyed \
         Results list) on the same Leptos and nothing else, built the same way. It is the first load no Leptos page \
         can go under; the rest of Hark's is what its one wasm carries before \"Ready\" (the engine, the \
         understanding, speech, settings, Refine and the other panels).\n"
    );
    let _ = writeln!(out, "| build | wasm, gzip -9 | JS glue, gzip -9 | together |\n|---|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| Hark's page (`--bin hark`) | {:.1} KB | {:.1} KB | {:.1} KB |",
        kb(profile.gzip),
        kb(profile.glue_gzip),
        kb(page_total)
    );
    let _ = writeln!(
        out,
        "| Leptos floor (`bench/leptos-floor`) | {:.1} KB | {:.1} KB | {:.1} KB |\n",
        kb(floor.wasm_gzip),
        kb(floor.glue_gzip),
        kb(floor_total)
    );
    out
}

/// The part a twiggy item belongs to, from its name: a function's crate (for `<T as Trait>::f`, the crate of `T`), a
/// data segment, or the wasm-bindgen glue.
pub fn part_of(item: &str) -> &'static str {
    if item.starts_with("data segment") || item.starts_with("data[") {
        return "text and tables (data segments)";
    }
    if item.starts_with("import ") {
        return "wasm-bindgen, js-sys, web-sys and glue";
    }
    let name = item.trim_start_matches(['<', '&']).trim_start_matches("mut ").trim_start_matches("dyn ");
    // `<T as reactive_graph::traits::Read>::try_read`: a generic or primitive type's impl counts for the trait's crate.
    let first = name.split([':', ' ', '>', '[']).next().unwrap_or_default();
    let name = match name.split_once(" as ") {
        Some((_, the_trait)) if first.len() <= 1 || is_primitive(first) => the_trait.trim_start_matches(['<', '&']),
        _ if is_primitive(first) => "core",
        _ => name,
    };
    let krate = name.split("::").next().unwrap_or_default();
    let krate = krate.split('[').next().unwrap_or_default();
    match krate {
        "reactive_graph" | "tachys" | "leptos" | "leptos_dom" | "leptos_server" | "any_spawner" | "either_of"
        | "throw_error" | "oco_ref" | "hydration_context" | "server_fn" | "or_poisoned" | "send_wrapper" => {
            "Leptos (reactive_graph, tachys, leptos)"
        }
        "core" | "alloc" | "std" | "dlmalloc" | "compiler_builtins" | "hashbrown" | "indexmap" | "str" | "char" | "f32"
        | "f64" | "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" | "__rustc" | "slab" | "futures_util"
        | "futures_channel" | "futures_core" | "futures_executor" | "event_listener" | "async_lock" | "pin_project_lite" => {
            "Rust std, collections and futures"
        }
        "hark_engine" | "fst" | "levenshtein_automata" | "rust_stemmers" | "rphonetic" | "strsim" | "utf8_ranges" => {
            "the engine (hark-engine, fst, levenshtein_automata, stemmers, rphonetic)"
        }
        "hark" => "Hark's page code (UI, search seam, understanding, speech commands)",
        "leptos_speech" => "leptos-speech",
        "serde" | "serde_core" | "serde_json" | "serde_path_to_error" | "serde_wasm_bindgen" | "zmij" | "itoa" | "ryu" => {
            "serde (JSON shapes; the browser parses the text)"
        }
        "wasm_bindgen" | "js_sys" | "web_sys" | "wasm_bindgen_futures" | "gloo_timers" | "console_error_panic_hook"
        | "console_log" | "log" => "wasm-bindgen, js-sys, web-sys and glue",
        _ if krate.starts_with("__wbg") || krate.starts_with("__wbindgen") || krate.starts_with("__externref") => {
            "wasm-bindgen, js-sys, web-sys and glue"
        }
        _ => "other (tables, exports, unnamed)",
    }
}

fn is_primitive(name: &str) -> bool {
    matches!(
        name,
        "str" | "char" | "bool" | "f32" | "f64" | "u8" | "u16" | "u32" | "u64" | "u128" | "usize" | "i8" | "i16" | "i32" | "i64"
            | "i128" | "isize" | "[T]" | "()"
    )
}

/// Sum a `twiggy top --format csv` listing by [`part_of`], largest first; twiggy's name sections and its summary rows
/// are left out.
fn parts(csv: &str) -> Vec<(&'static str, u64)> {
    let mut sums: BTreeMap<&'static str, u64> = BTreeMap::new();
    for line in csv.lines().skip(1) {
        let Some((name, bytes)) = csv_row(line) else { continue };
        if name.ends_with(" subsection") || name.starts_with('Σ') {
            continue;
        }
        *sums.entry(part_of(&name)).or_default() += bytes;
    }
    let mut parts: Vec<(&'static str, u64)> = sums.into_iter().collect();
    parts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    parts
}

/// The name and shallow size of one CSV row (`Name,ShallowSize,…`; a name with commas is quoted, `""` inside).
fn csv_row(line: &str) -> Option<(String, u64)> {
    let (name, rest) = if let Some(quoted) = line.strip_prefix('"') {
        let mut name = String::new();
        let mut chars = quoted.char_indices();
        let mut end = None;
        while let Some((at, c)) = chars.next() {
            if c == '"' {
                if quoted[at + 1..].starts_with('"') {
                    name.push('"');
                    chars.next();
                } else {
                    end = Some(at + 1);
                    break;
                }
            } else {
                name.push(c);
            }
        }
        (name, quoted[end?..].strip_prefix(',')?)
    } else {
        let (name, rest) = line.split_once(',')?;
        (name.to_string(), rest)
    };
    let bytes = rest.split(',').next()?.trim().parse().ok()?;
    Some((name, bytes))
}

/// The `data-wasm-opt-params` of the `data-bin="hark"` link in index.html, split on whitespace.
fn wasm_opt_params(index_html: &str) -> Vec<String> {
    let Some(at) = index_html.find("data-bin=\"hark\"") else { return Vec::new() };
    let rest = &index_html[at..];
    let link_end = rest.find('>').unwrap_or(rest.len());
    let link = &rest[..link_end];
    let Some(start) = link.find("data-wasm-opt-params=\"") else { return Vec::new() };
    let value = &link[start + "data-wasm-opt-params=\"".len()..];
    value.split('"').next().unwrap_or_default().split_whitespace().map(str::to_string).collect()
}

fn install_twiggy() -> Result<(), String> {
    if output_of("twiggy", &["--version"]).is_some() {
        return Ok(());
    }
    timed("cargo install twiggy (for the size profile)", || checked(command("cargo", &["install", "--quiet", "twiggy"])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_summed_by_the_crate_they_come_from() {
        let csv = "Name,ShallowSize,ShallowSizePercent,RetainedSize,RetainedSizePercent\n\
                   \"\"\"function names\"\" subsection\",475449,30.23,475449,30.23\n\
                   hark::main::h8aabd263c8234ded,66209,4.21,66209,4.21\n\
                   \"<reactive_graph::computed::async_derived::ScopedFuture<Fut> as core::future::future::Future>::poll::h98\",56803,3.61,56803,3.61\n\
                   \"data segment \"\".rodata.8\"\"\",28868,1.84,28868,1.84\n\
                   \"<alloc[3ca501edff3f0c7c]::string::String>::push\",100,0.1,100,0.1\n\
                   \"hark_engine::search::<impl hark_engine::index::Index>::search::hfc28\",17352,1.10,17352,1.10\n\
                   __wbg_set_2793479888329cb6,40,0.0,40,0.0\n\
                   \"Σ [5258 Total Rows]\",1572775,100.0,1572775,100.0\n";
        let parts = parts(csv);
        assert_eq!(
            parts,
            vec![
                ("Hark's page code (UI, search seam, understanding, speech commands)", 66209),
                ("Leptos (reactive_graph, tachys, leptos)", 56803),
                ("text and tables (data segments)", 28868),
                ("the engine (hark-engine, fst, levenshtein_automata, stemmers, rphonetic)", 17352),
                ("Rust std, collections and futures", 100),
                ("wasm-bindgen, js-sys, web-sys and glue", 40),
            ]
        );
        let floor = Shipped { wasm_gzip: 42_253, glue_gzip: 6_049 };
        let report = section(&Profile { bytes: 1_078_437, gzip: 436_001, glue_gzip: 14_200, parts, floor });
        assert!(report.contains("1078437 bytes, **436.0 KB gzip -9**"), "{report}");
        assert!(report.contains("| Leptos (reactive_graph, tachys, leptos) | 56803 | 33.5 % |"), "{report}");
        assert!(report.contains("| **total** | 169372 | |"), "{report}");
        assert!(report.contains("| Hark's page (`--bin hark`) | 436.0 KB | 14.2 KB | 450.2 KB |"), "{report}");
        assert!(report.contains("| Leptos floor (`bench/leptos-floor`) | 42.3 KB | 6.0 KB | 48.3 KB |"), "{report}");
    }

    #[test]
    fn generic_and_primitive_impls_count_for_the_trait_or_std() {
        assert_eq!(part_of("<T as reactive_graph::traits::Read>::try_read::hb9eb"), "Leptos (reactive_graph, tachys, leptos)");
        assert_eq!(part_of("<&T as core::fmt::Display>::fmt::hc9e3"), "Rust std, collections and futures");
        assert_eq!(part_of("<str>::to_lowercase"), "Rust std, collections and futures");
        assert_eq!(part_of("<f32 as core[c5930c85a12de822]::fmt::Debug>::fmt"), "Rust std, collections and futures");
        assert_eq!(part_of("import ./hark_bg.js::__wbg_new_1"), "wasm-bindgen, js-sys, web-sys and glue");
        assert_eq!(part_of("<hark::ui::Foo as core::clone::Clone>::clone"), "Hark's page code (UI, search seam, understanding, speech commands)");
        assert_eq!(part_of("code[3734]"), "other (tables, exports, unnamed)");
    }

    #[test]
    fn wasm_opt_params_come_from_the_page_link() {
        let html = r#"<link data-trunk rel="rust" href="worker/Cargo.toml" data-bin="hark-worker" data-wasm-opt-params="--worker" />
            <link data-trunk rel="rust" data-bin="hark" data-wasm-opt="z"
                  data-wasm-opt-params="--enable-bulk-memory --enable-sign-ext" />"#;
        assert_eq!(wasm_opt_params(html), vec!["--enable-bulk-memory", "--enable-sign-ext"]);
        assert!(wasm_opt_params("<html></html>").is_empty());
    }

    #[test]
    fn the_repo_page_gives_trunk_its_wasm_opt_flags() {
        let html = std::fs::read_to_string(workspace_root().join("index.html")).unwrap_or_default();
        assert!(wasm_opt_params(&html).iter().any(|flag| flag == "--enable-bulk-memory"));
    }
}
