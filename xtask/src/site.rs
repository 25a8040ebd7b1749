//! `cargo xtask site --config path/to/hark.json [--out DIR] [--public-url URL] [--dist DIR]`: one deployable folder
//! for a site.
//!
//! The folder holds the release app (trunk's build, without the repo's sample configs `hark*.json` and the
//! WordNet `catalog/`), the site's config as `hark.json` (the name the page looks for), its catalog, and an index
//! built natively from it, so the page never indexes. Every text and wasm file gets a pre-compressed `.gz` and `.br`
//! beside it. The files are printed with their gzip sizes, then the next step.

use std::path::{Component, Path, PathBuf};

use crate::proc::{checked, command, workspace_root};
use crate::setup::{self, Needs};

/// What to build.
#[derive(Debug, Clone, PartialEq)]
pub struct Options {
    /// The site's config (any file name; it is written as `hark.json`).
    pub config: PathBuf,
    /// Where the site goes (emptied first).
    pub out: PathBuf,
    /// trunk's `--public-url`; `None` keeps Trunk.toml's `"./"`, which works at `/` and under any sub-path.
    pub public_url: Option<String>,
    /// An app already built with `trunk build --release` to take instead of building one.
    pub dist: Option<PathBuf>,
}

const USAGE: &str =
    "usage: cargo xtask site --config path/to/hark.json [--out DIR] [--public-url URL] [--dist DIR]";

impl Options {
    /// Parse `--config`, `--out` (default `site/`), `--public-url` and `--dist`.
    pub fn from_args(args: &[String]) -> Result<Self, String> {
        let (mut config, mut out, mut public_url, mut dist) = (None, None, None, None);
        let mut rest = args.iter();
        while let Some(arg) = rest.next() {
            let mut value = |name: &str| rest.next().cloned().ok_or(format!("{name} needs a value\n{USAGE}"));
            match arg.as_str() {
                "--config" => config = Some(PathBuf::from(value("--config")?)),
                "--out" => out = Some(PathBuf::from(value("--out")?)),
                "--public-url" => public_url = Some(value("--public-url")?),
                "--dist" => dist = Some(PathBuf::from(value("--dist")?)),
                other => return Err(format!("unknown option `{other}`\n{USAGE}")),
            }
        }
        let config = config.ok_or(format!("--config is required\n{USAGE}"))?;
        if public_url.is_some() && dist.is_some() {
            return Err("--public-url needs a new build: leave out --dist".into());
        }
        Ok(Self { config, out: out.unwrap_or_else(|| PathBuf::from("site")), public_url, dist })
    }
}

/// `cargo xtask site …`.
pub fn run(args: &[String]) -> Result<(), String> {
    let options = Options::from_args(args)?;
    let files = build(&options)?;
    print_report(&options.out, &files);
    Ok(())
}

/// Build (or take) the app and assemble the site; returns the files written, relative to `out`, without the
/// compressed copies.
pub fn build(options: &Options) -> Result<Vec<PathBuf>, String> {
    let app = match &options.dist {
        Some(dist) => dist.clone(),
        None => build_app(options.public_url.as_deref())?,
    };
    assemble(&options.config, &app, &options.out)
}

/// `trunk build --release` into `target/site-app` (the repo's `dist/` is left alone).
fn build_app(public_url: Option<&str>) -> Result<PathBuf, String> {
    setup::run(&Needs { browser: false, e2e_packages: false, wasm_tools: true })?;
    let dist = workspace_root().join("target/site-app");
    let dist_arg = dist.display().to_string();
    let mut args = vec!["build", "--release", "--dist", &dist_arg];
    if let Some(url) = public_url {
        args.extend(["--public-url", url]);
    }
    println!("==> trunk {}", args.join(" "));
    checked(command("trunk", &args))?;
    Ok(dist)
}

/// The repo's own data in a trunk build: its sample configs (`hark.json`, `hark.remote.json`, `hark.shop.json`, …)
/// and its demo catalogs. A site takes only what its config names.
fn is_repo_data(relative: &Path) -> bool {
    let sample_config = relative.parent() == Some(Path::new(""))
        && relative.to_str().is_some_and(|name| name.starts_with("hark") && name.ends_with(".json"));
    sample_config || relative.starts_with("catalog")
}

/// Copy the app from `app` (minus the repo's data), then the site's config, catalog and a fresh index into `out`.
pub fn assemble(config_path: &Path, app: &Path, out: &Path) -> Result<Vec<PathBuf>, String> {
    let shown = config_path.display();
    let text = std::fs::read_to_string(config_path).map_err(|error| format!("{shown}: {error}"))?;
    let name = config_path.file_name().map_or_else(|| shown.to_string(), |n| n.to_string_lossy().into_owned());
    let site = SiteFiles::read(&text).map_err(|error| format!("{name}: {error}"))?;
    if !app.join("index.html").is_file() {
        return Err(format!("{} has no index.html: build the app first (trunk build --release)", app.display()));
    }
    if out.exists() {
        std::fs::remove_dir_all(out).map_err(|error| format!("{}: {error}", out.display()))?;
    }
    let mut written = Vec::new();
    for relative in files_under(app)? {
        if is_repo_data(&relative) || is_compressed(&relative) {
            continue;
        }
        copy(&app.join(&relative), &out.join(&relative))?;
        written.push(relative);
    }
    let base = config_path.parent().unwrap_or(Path::new("."));
    if let Some(catalog) = &site.catalog {
        let source = base.join(catalog);
        let bytes = std::fs::read(&source).map_err(|error| format!("{name}: catalog {}: {error}", source.display()))?;
        let file_name = catalog.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default();
        let index = build_index(&bytes, &text, &file_name).map_err(|error| format!("{}: {error}", source.display()))?;
        copy(&source, &out.join(catalog))?;
        written.push(catalog.clone());
        // A license beside the catalog travels with it (the WordNet catalog's LICENSE-WordNet.txt).
        for license in licenses_beside(&source)? {
            let relative = catalog.with_file_name(&license);
            copy(&source.with_file_name(&license), &out.join(&relative))?;
            written.push(relative);
        }
        let index_path = site.index.clone().unwrap_or_else(|| catalog.with_extension("hidx"));
        write(&out.join(&index_path), &index)?;
        written.push(index_path);
    }
    write(&out.join("hark.json"), site.config_text(&text).as_bytes())?;
    written.push(PathBuf::from("hark.json"));
    for relative in &written {
        compress_beside(&out.join(relative))?;
    }
    written.sort();
    Ok(written)
}

/// The files a site config names, as paths inside the site.
#[derive(Debug, Clone, PartialEq)]
struct SiteFiles {
    catalog: Option<PathBuf>,
    index: Option<PathBuf>,
}

impl SiteFiles {
    /// Read `catalog` and `index` from the config, after the engine's checks (unknown keys, field names, facets).
    fn read(text: &str) -> Result<Self, String> {
        let config = hark_engine::parse_site_config(text.as_bytes())?;
        config.validate().map_err(|error| error.to_string())?;
        let value: serde_json::Value = serde_json::from_str(text).map_err(|error| error.to_string())?;
        let path = |key: &str| -> Result<Option<PathBuf>, String> {
            match value.get(key) {
                None | Some(serde_json::Value::Null) => Ok(None),
                Some(serde_json::Value::String(url)) => inside_site(url).map(Some).map_err(|why| format!("\"{key}\": {why}")),
                Some(_) => Err(format!("\"{key}\" must be a file name such as \"products.jsonl\"")),
            }
        };
        let files = Self { catalog: path("catalog")?, index: path("index")? };
        if files.catalog.is_none() && value.get("remote").is_none() {
            return Err("it names no catalog: add \"catalog\": \"products.jsonl\" (or a \"remote\" block)".into());
        }
        Ok(files)
    }

    /// The config as written, with `"index"` added at the top when it did not name one (a text edit, so the site's
    /// formatting and the order of its keys are kept).
    fn config_text(&self, text: &str) -> String {
        match (&self.catalog, &self.index) {
            (Some(catalog), None) => {
                let index = catalog.with_extension("hidx").to_string_lossy().replace('\\', "/");
                let entry = serde_json::Value::String(index).to_string();
                match text.find('{') {
                    Some(open) => format!("{}{{\n  \"index\": {entry},{}", &text[..open], &text[open + 1..]),
                    None => text.to_string(),
                }
            }
            _ => text.to_string(),
        }
    }
}

/// A relative URL from the config as a path inside the site: no scheme, no query, no `..`, not absolute.
fn inside_site(url: &str) -> Result<PathBuf, String> {
    if url.contains("://") || url.starts_with('/') || url.contains(['?', '#']) {
        return Err(format!("\"{url}\" must be a file beside hark.json (a relative path such as \"products.jsonl\")"));
    }
    let path = PathBuf::from(url);
    if path.components().any(|part| !matches!(part, Component::Normal(_) | Component::CurDir)) || url.trim().is_empty() {
        return Err(format!("\"{url}\" must stay inside the site folder (no \"..\")"));
    }
    Ok(path)
}

/// The index bytes for `catalog` read with the config `text`, built natively as `hark-engine index` builds them.
fn build_index(catalog: &[u8], text: &str, name: &str) -> Result<Vec<u8>, String> {
    let config = hark_engine::parse_site_config(text.as_bytes())?;
    let mut parsed = hark_engine::parse_catalog(catalog, &config).map_err(|error| error.to_string())?;
    parsed.source.catalog = name.to_string();
    for warning in &parsed.warnings {
        println!("    warning: {warning}");
    }
    Ok(hark_engine::Index::build(&parsed, &config).to_bytes())
}

fn licenses_beside(file: &Path) -> Result<Vec<String>, String> {
    let Some(folder) = file.parent() else { return Ok(Vec::new()) };
    let folder = if folder.as_os_str().is_empty() { Path::new(".") } else { folder };
    let entries = std::fs::read_dir(folder).map_err(|error| format!("{}: {error}", folder.display()))?;
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("LICENSE") && !is_compressed(Path::new(name)))
        .collect();
    names.sort();
    Ok(names)
}

/// Every file under `root`, relative to it, in a stable order.
fn files_under(root: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut folders = vec![PathBuf::new()];
    while let Some(folder) = folders.pop() {
        let entries = std::fs::read_dir(root.join(&folder)).map_err(|error| format!("{}: {error}", root.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let relative = folder.join(entry.file_name());
            match entry.file_type() {
                Ok(kind) if kind.is_dir() => folders.push(relative),
                Ok(_) => out.push(relative),
                Err(error) => return Err(format!("{}: {error}", relative.display())),
            }
        }
    }
    out.sort();
    Ok(out)
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    let bytes = std::fs::read(from).map_err(|error| format!("{}: {error}", from.display()))?;
    write(to, &bytes)
}

fn write(to: &Path, bytes: &[u8]) -> Result<(), String> {
    if let Some(folder) = to.parent() {
        std::fs::create_dir_all(folder).map_err(|error| format!("{}: {error}", folder.display()))?;
    }
    std::fs::write(to, bytes).map_err(|error| format!("{}: {error}", to.display()))
}

fn is_compressed(path: &Path) -> bool {
    matches!(path.extension().and_then(|e| e.to_str()), Some("gz" | "br"))
}

/// Files a server sends compressed: text, wasm and the index (images and fonts are compressed already).
fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "js" | "mjs" | "css" | "json" | "jsonl" | "ndjson" | "txt" | "svg" | "wasm" | "hidx" | "map" | "webmanifest")
    )
}

/// Write `file.gz` (gzip, best) and `file.br` (brotli, quality 11) beside a compressible file.
fn compress_beside(file: &Path) -> Result<(), String> {
    if !is_compressible(file) {
        return Ok(());
    }
    let bytes = std::fs::read(file).map_err(|error| format!("{}: {error}", file.display()))?;
    write(&with_suffix(file, "gz"), &gzip(&bytes)?)?;
    write(&with_suffix(file, "br"), &brotli(&bytes)?)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

/// gzip at the best level (flate2: the standard deflate crate, pure Rust through miniz_oxide).
pub fn gzip(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).and_then(|()| encoder.finish()).map_err(|error| format!("gzip: {error}"))
}

/// brotli at quality 11 with a 4 MB window (the `brotli` crate: a pure-Rust port of Google's encoder).
fn brotli(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).map_err(|error| format!("brotli: {error}"))?;
    Ok(out)
}

/// Every file with its size and gzip size, the total, and what to do next.
fn print_report(out: &Path, files: &[PathBuf]) {
    println!("==> Site in {}:", out.display());
    let (mut total, mut total_gzip) = (0u64, 0u64);
    for relative in files {
        let size = std::fs::metadata(out.join(relative)).map_or(0, |meta| meta.len());
        let gzip = std::fs::metadata(with_suffix(&out.join(relative), "gz")).map_or(size, |meta| meta.len());
        total += size;
        total_gzip += gzip;
        println!("    {:<48} {:>10}  gzip {:>10}", relative.display(), kb(size), kb(gzip));
    }
    println!("    {:<48} {:>10}  gzip {:>10}", "total", kb(total), kb(total_gzip));
    println!("==> Next: copy {} to your web server (each .gz/.br file beside its original); see README, Production.", out.display());
}

fn kb(bytes: u64) -> String {
    format!("{:.1} KB", bytes as f64 / 1000.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn options_need_a_config_and_default_the_folder() {
        let options = Options::from_args(&args(&["--config", "shop/hark.json"])).unwrap();
        assert_eq!((options.config, options.out), (PathBuf::from("shop/hark.json"), PathBuf::from("site")));
        assert!(Options::from_args(&args(&["--out", "x"])).unwrap_err().contains("--config is required"));
        assert!(Options::from_args(&args(&["--config", "h.json", "--colour"])).unwrap_err().contains("`--colour`"));
        let both = args(&["--config", "h.json", "--dist", "dist", "--public-url", "/s/"]);
        assert!(Options::from_args(&both).is_err());
    }

    #[test]
    fn config_paths_stay_inside_the_site() {
        assert_eq!(inside_site("data/products.jsonl"), Ok(PathBuf::from("data/products.jsonl")));
        for bad in ["../secret.jsonl", "/etc/passwd", "https://cdn.example/p.jsonl", "p.jsonl?v=2", ""] {
            assert!(inside_site(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_index_is_added_to_the_config_text_without_reordering_it() {
        let text = "{\n  \"catalog\": \"data/p.jsonl\",\n  \"facets\": {\"Z\": \"z\", \"A\": \"a\"}\n}\n";
        let site = SiteFiles::read(text).unwrap();
        let written = site.config_text(text);
        assert!(written.starts_with("{\n  \"index\": \"data/p.hidx\",\n  \"catalog\""), "{written}");
        assert!(written.find("\"Z\"") < written.find("\"A\""));
        let value: serde_json::Value = serde_json::from_str(&written).unwrap();
        assert_eq!(value["index"], "data/p.hidx");
        let named = "{\"catalog\": \"p.jsonl\", \"index\": \"i.hidx\"}";
        assert_eq!(SiteFiles::read(named).unwrap().config_text(named), named);
    }

    #[test]
    fn a_config_without_a_catalog_or_with_a_typo_is_refused() {
        assert!(SiteFiles::read("{\"noun\": \"products\"}").unwrap_err().contains("names no catalog"));
        let typo = SiteFiles::read("{\"catalgo\": \"p.jsonl\"}").unwrap_err();
        assert!(typo.contains("unknown key `catalgo` — did you mean `catalog`?"), "{typo}");
    }

    #[test]
    fn repo_data_is_left_out_and_compressed_files_are_recognised() {
        assert!(is_repo_data(Path::new("catalog/things.jsonl")));
        assert!(is_repo_data(Path::new("hark.remote.json")));
        assert!(is_repo_data(Path::new("hark.shop.json")) && is_repo_data(Path::new("hark.json")));
        assert!(!is_repo_data(Path::new("data/hark.json")), "a site's own file in its data folder stays");
        assert!(!is_repo_data(Path::new("hark-abc123_bg.wasm")));
        assert!(is_compressed(Path::new("index.html.br")) && !is_compressible(Path::new("index.html.gz")));
        assert_eq!(with_suffix(Path::new("a/b.wasm"), "gz"), PathBuf::from("a/b.wasm.gz"));
    }

    #[test]
    fn gzip_round_trips() {
        use std::io::Read;
        let text = "voice search ".repeat(100);
        let packed = gzip(text.as_bytes()).unwrap();
        assert!(packed.len() < text.len() / 5);
        let mut back = String::new();
        flate2::read::GzDecoder::new(&packed[..]).read_to_string(&mut back).unwrap();
        assert_eq!(back, text);
        let br = brotli(text.as_bytes()).unwrap();
        let mut back = Vec::new();
        ::brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, text.as_bytes());
    }
}
